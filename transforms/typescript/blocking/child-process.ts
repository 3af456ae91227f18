// execSync / execFileSync → promisified exec / execFile. The judgement here is
// about the value: the sync forms return stdout (a Buffer unless an encoding is
// given), the async forms resolve { stdout, stderr } and default to utf8, so a
// used result becomes `(await ...).stdout` with `encoding: 'buffer'` added when
// the original passed no encoding.
import { ts } from 'ts-morph';
import type { NodeBlockingApi } from '../../catalog/node.js';
import type { ImportRequest, TextEdit } from '../../core/types.js';
import type { ImportNamer } from '../imports.js';
import { awaitNeedsParens } from '../syntax.js';
import { calleeEdits, calleeText, execOptions, findProperty, isAwaited, skipParens, type RewriteResult } from './rewrite.js';

/** Whether the value of the call is used (not a bare statement or `void`). */
function resultUsed(call: ts.CallExpression): boolean {
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAwaitExpression(node.parent)) node = node.parent;
  return !ts.isExpressionStatement(node.parent) && !ts.isVoidExpression(node.parent);
}

export function rewriteExecSync(call: ts.CallExpression, api: NodeBlockingApi, namer: ImportNamer): RewriteResult {
  const args = call.arguments;
  if (!args.length) return { manual: `${calleeText(call)}() without a command cannot be rewritten` };
  const used = resultUsed(call);
  const options = execOptions(call, api);
  if (options === 'unknown' && used) {
    return {
      manual: `${calleeText(call)}() blocks the event loop and cannot be rewritten as it stands: its second argument may be the argument list or the options; rewrite it as \`(await promisify(execFile)(file, args, { ...options, encoding: 'buffer' })).stdout\` (promisify from util) so the result stays a Buffer, or drop \`encoding: 'buffer'\` when the options set an encoding`,
    };
  }

  const imports: ImportRequest[] = [];
  const fn = namer.named(api.replacement!.module, api.replacement!.name, api.replacement!.preferredLocal);
  if (fn.request) imports.push(fn.request);
  const promisify = namer.named('util', 'promisify');
  if (promisify.request) imports.push(promisify.request);
  const newCallee = `${promisify.local}(${fn.local})`;
  const text = call.getSourceFile().text;

  const edits: TextEdit[] = [];
  let note = api.note ?? '';
  if (!used) {
    const paren = !isAwaited(call) && awaitNeedsParens(call);
    edits.push(...calleeEdits(call, newCallee, isAwaited(call) ? '' : paren ? '(await ' : 'await ', paren ? ')' : ''));
  } else {
    // `(await p).stdout` is a member expression: it fits any context without more parentheses.
    edits.push(...calleeEdits(call, newCallee, '(await ', ').stdout'));
    if (options === undefined) {
      const last = args[args.length - 1];
      edits.push({ start: last.getEnd(), end: last.getEnd(), text: ", { encoding: 'buffer' }" });
    } else if (options !== 'unknown') {
      edits.push(...bufferEncodingEdits(options, text));
    }
  }
  const statusRead = catchReadsStatus(call);
  if (statusRead) note += `${note ? '; ' : ''}the enclosing catch reads \`${statusRead}\`, which is undefined for the promisified form's error: read \`.code\` there`;
  if (options !== undefined && (options === 'unknown' || !ts.isObjectLiteralExpression(skipParens(options)))) {
    note += `${note ? '; ' : ''}check that the options passed set no \`input\` or \`stdio\`, which exec/execFile do not support`;
  }
  return {
    edits,
    imports,
    safety: api.safety,
    message: `${calleeText(call)}() blocks the event loop: replaced by await ${newCallee}()${used ? '.stdout' : ''}${note ? `; ${note}` : ''}`,
  };
}

/** `err.status` read in the catch clause of a `try` around the call (the sync form's exit code), as written. */
function catchReadsStatus(call: ts.CallExpression): string | undefined {
  for (let n: ts.Node = call; n.parent; n = n.parent) {
    if (ts.isFunctionLike(n)) return undefined;
    const parent = n.parent;
    if (!ts.isTryStatement(parent) || parent.tryBlock !== n || !parent.catchClause) continue;
    const decl = parent.catchClause.variableDeclaration;
    if (!decl || !ts.isIdentifier(decl.name)) return undefined;
    const errName = decl.name.text;
    let found: string | undefined;
    const visit = (m: ts.Node): void => {
      if (found) return;
      if (ts.isPropertyAccessExpression(m) && m.name.text === 'status' && ts.isIdentifier(m.expression) && m.expression.text === errName) found = m.getText();
      else ts.forEachChild(m, visit);
    };
    visit(parent.catchClause.block);
    return found;
  }
  return undefined;
}

/** Adds `encoding: 'buffer'` to options that set no encoding, so stdout stays a Buffer. */
function bufferEncodingEdits(options: ts.Expression, text: string): TextEdit[] {
  const literal = skipParens(options);
  if (!ts.isObjectLiteralExpression(literal)) {
    // A spread keeps any encoding the options object sets, as the sync call would have.
    return [
      { start: options.getStart(), end: options.getStart(), text: "{ encoding: 'buffer', ..." },
      { start: options.getEnd(), end: options.getEnd(), text: ' }' },
    ];
  }
  if (findProperty(literal, 'encoding')) return [];
  const first = literal.properties[0];
  if (!first) return [{ start: literal.getStart(), end: literal.getEnd(), text: "{ encoding: 'buffer' }" }];
  const firstStart = first.getStart();
  const between = text.slice(literal.getStart() + 1, firstStart);
  if (between.includes('\n')) {
    const lineStart = text.lastIndexOf('\n', firstStart) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart, firstStart))![0];
    return [{ start: firstStart, end: firstStart, text: `encoding: 'buffer',\n${indent}` }];
  }
  // Before the first property, so a spread that sets an encoding still wins.
  return [{ start: firstStart, end: firstStart, text: "encoding: 'buffer', " }];
}
