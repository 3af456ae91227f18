// The generic rewrite of a catalog row: turns one matched call into its
// awaited async form with minimal edits (the arguments' text is never
// touched, so nested rewrites compose), and the checks that turn a row into a
// manual finding for a particular call.
import { ts } from 'ts-morph';
import { NODE_SINCE, nodeAtLeast, type NodeBlockingApi, type NodeManualCondition } from '../../catalog/node.js';
import type { ImportRequest, Safety, TextEdit } from '../../core/types.js';
import type { ImportNamer } from '../imports.js';
import { awaitNeedsParens } from '../syntax.js';
import type { ScopeIndex } from './scope.js';

export type RewriteResult = { edits: TextEdit[]; imports: ImportRequest[]; message: string; safety: Safety } | { manual: string };

export function skipParens(expr: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(expr)) expr = expr.expression;
  return expr;
}

/** `fs.readFileSync` as written at the call, for messages. */
export function calleeText(call: ts.CallExpression): string {
  return call.expression.getText().replace(/\s+/g, '');
}

/** Whether the call already stands under an `await` (then no second one is added). */
export function isAwaited(call: ts.Node): boolean {
  let node = call;
  while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return ts.isAwaitExpression(node.parent);
}

/** Insertions that await `call` in place: `await ` before (with parentheses when the context needs them). */
function awaitPrefix(call: ts.CallExpression): { before: string; after: string } {
  if (isAwaited(call)) return { before: '', after: '' };
  return awaitNeedsParens(call) ? { before: '(await ', after: ')' } : { before: 'await ', after: '' };
}

/** Binds a name for `api.replacement` through the namer, collecting its import request. */
function use(namer: ImportNamer, imports: ImportRequest[], module: string, name: string, preferred?: string | string[]): string {
  const { local, request } = namer.named(module, name, preferred);
  if (request) imports.push(request);
  return local;
}

/** The first manual condition of the row that holds for this call, with what to do. */
export function manualReason(api: NodeBlockingApi, call: ts.CallExpression, scopes: ScopeIndex): string | undefined {
  for (const condition of api.manualWhen ?? []) {
    const reason = CONDITIONS[condition](call, scopes, api);
    if (reason) return reason;
  }
  return undefined;
}

const CONDITIONS: Record<NodeManualCondition, (call: ts.CallExpression, scopes: ScopeIndex, api: NodeBlockingApi) => string | undefined> = {
  'fd-argument': (call, scopes, api) => {
    const first = call.arguments[0];
    if (!first || !isFileDescriptor(skipParens(first), scopes)) return undefined;
    const name = api.replacement?.name ?? api.name;
    return `the first argument is a file descriptor, but \`${name}\` from fs/promises takes a path or a FileHandle; open the file with \`await open(...)\` from fs/promises and call \`handle.${name}(...)\`, or pass the path instead`;
  },
  'no-throw-option': (call) => {
    const options = call.arguments[1] && skipParens(call.arguments[1]);
    if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
    const prop = findProperty(options, 'throwIfNoEntry');
    if (!prop || !ts.isPropertyAssignment(prop) || prop.initializer.kind !== ts.SyntaxKind.FalseKeyword) return undefined;
    const name = /\blstatSync\b/.test(call.expression.getText()) ? 'lstat' : 'stat';
    return `\`${name}\` from fs/promises has no \`throwIfNoEntry\` option and rejects for a missing path: use \`await ${name}(path).catch((err) => { if (err.code === 'ENOENT') return undefined; throw err; })\``;
  },
  'exec-input': (call, _scopes, api) => {
    const options = execOptions(call, api);
    if (!options || options === 'unknown' || !ts.isObjectLiteralExpression(options)) return undefined;
    if (!findProperty(options, 'input')) return undefined;
    return 'the `input` option has no equivalent in exec/execFile: start the process with `spawn`, write the input to `child.stdin` and end it, collect stdout, and `await once(child, \'close\')` (once from events)';
  },
  'no-arguments': (call, _scopes, api) => {
    if (call.arguments.length > 0) return undefined;
    const name = api.replacement?.name ?? api.name;
    return `\`${name}()\` without arguments does not return a promise in every release of ${api.module}: pass the rounds, \`await ${name}(10)\` (10 is the default)`;
  },
  'exec-stdio': (call, _scopes, api) => {
    const options = execOptions(call, api);
    if (!options || options === 'unknown' || !ts.isObjectLiteralExpression(options)) return undefined;
    const prop = findProperty(options, 'stdio');
    if (!prop) return undefined;
    if (ts.isPropertyAssignment(prop) && ts.isStringLiteralLike(prop.initializer) && prop.initializer.text === 'pipe') return undefined;
    return "exec/execFile ignore the `stdio` option: to stream the child's output use `spawn(cmd, { stdio: ... , shell: true })` and `await once(child, 'close')` (once from events), checking the exit code";
  },
};

export function findProperty(obj: ts.ObjectLiteralExpression, name: string): ts.ObjectLiteralElementLike | undefined {
  return obj.properties.find((p) => {
    if (ts.isSpreadAssignment(p)) return false;
    const n = p.name;
    return n !== undefined && (ts.isIdentifier(n) || ts.isStringLiteral(n)) && n.text === name;
  });
}

/**
 * The options argument of an execSync/execFileSync call: undefined when there
 * is none, 'unknown' when execFileSync's second argument could be either the
 * argument list or the options.
 */
export function execOptions(call: ts.CallExpression, api: NodeBlockingApi): ts.Expression | 'unknown' | undefined {
  const args = call.arguments;
  if (api.name === 'execSync') return args[1];
  if (args.length >= 3) return args[2];
  if (args.length === 2) {
    const second = skipParens(args[1]);
    if (ts.isArrayLiteralExpression(second)) return undefined;
    if (ts.isObjectLiteralExpression(second)) return args[1];
    return 'unknown';
  }
  return undefined;
}

function isFileDescriptor(expr: ts.Expression, scopes: ScopeIndex): boolean {
  if (ts.isNumericLiteral(expr)) return true;
  if (ts.isPropertyAccessExpression(expr) && expr.name.text === 'fd') return true;
  if (ts.isIdentifier(expr)) {
    const decl = scopes.resolve(expr.text, expr);
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer) {
      const init = skipParens(decl.initializer);
      if (ts.isCallExpression(init)) {
        const callee = skipParens(init.expression);
        const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
        return name === 'openSync';
      }
    }
  }
  return false;
}

/** What a rewrite needs to know about the project: the target Node version. */
export interface RewriteTarget {
  node?: string;
}

/**
 * The expression that names the replacement: its import, or on a Node older
 * than the `fs/promises` module (10 to 13), a member of `require('fs').promises`.
 */
function replacementCallee(namer: ImportNamer, imports: ImportRequest[], api: NodeBlockingApi, target: RewriteTarget): { callee: string; from: string } {
  const { module, name, preferredLocal } = api.replacement!;
  if (module === 'fs/promises' && !nodeAtLeast(target.node, '14.0') && nodeAtLeast(target.node, NODE_SINCE.fsPromisesProperty)) {
    const fsp = use(namer, imports, 'fs', 'promises', 'fsPromises');
    return { callee: `${fsp}.${name}`, from: `require('fs').promises (the fs/promises module needs Node 14; the target is Node ${target.node})` };
  }
  return { callee: use(namer, imports, module, name, preferredLocal), from: module };
}

/** `await <local>(<args>)`: the async twin takes the same arguments. */
export function rewriteAwaitedCall(call: ts.CallExpression, api: NodeBlockingApi, namer: ImportNamer, target: RewriteTarget = {}): RewriteResult {
  const imports: ImportRequest[] = [];
  const { callee: local, from } = replacementCallee(namer, imports, api, target);
  const { before, after } = awaitPrefix(call);
  const edits = calleeEdits(call, local, before, after);
  return { edits, imports, safety: api.safety, message: `${calleeText(call)}() blocks the event loop: replaced by await ${local}() from ${from}${noteSuffix(api)}` };
}

/** `await promisify(<local>)(<args>)`: the callback form calls back with the sync form's value. */
export function rewritePromisifiedCall(call: ts.CallExpression, api: NodeBlockingApi, namer: ImportNamer): RewriteResult {
  const typing = typeScriptTyping(call, api);
  if (typing === 'untyped') {
    const name = api.replacement!.name;
    return {
      manual: `${calleeText(call)}() blocks the event loop and cannot be rewritten as it stands: in TypeScript \`promisify(${name})\` types only the shortest overload of ${name}; write \`await new Promise<T>((resolve, reject) => ${name}(...args, (err, value) => (err ? reject(err) : resolve(value))))\` with ${name} from crypto and T the type ${calleeText(call)}() returned`,
    };
  }
  const imports: ImportRequest[] = [];
  const fn = use(namer, imports, api.replacement!.module, api.replacement!.name, api.replacement!.preferredLocal);
  const promisify = use(namer, imports, 'util', 'promisify');
  let { before, after } = awaitPrefix(call);
  if (typing?.resultType && !isAwaited(call) && !ts.isExpressionStatement(call.parent)) {
    // `(await p(...)) as T`, itself parenthesised where an assertion needs it.
    const outer = assertionNeedsParens(call);
    before = `${outer ? '(' : ''}(await `;
    after = `) as ${typing.resultType}${outer ? ')' : ''}`;
  }
  const typeArguments = typing?.typeArguments ? `<${typing.typeArguments}>` : '';
  const edits = calleeEdits(call, `${promisify}${typeArguments}(${fn})`, before, after);
  return { edits, imports, safety: api.safety, message: `${calleeText(call)}() blocks the event loop: replaced by await ${promisify}(${fn})() from ${api.replacement!.module}${noteSuffix(api)}` };
}

/** `await <local>(<args>).then(() => true, () => false)`: a boolean from a promise that rejects for "no". */
export function rewriteSettledBoolean(call: ts.CallExpression, api: NodeBlockingApi, namer: ImportNamer, target: RewriteTarget = {}): RewriteResult {
  const imports: ImportRequest[] = [];
  const { callee: local } = replacementCallee(namer, imports, api, target);
  const { before, after } = awaitPrefix(call);
  const edits = calleeEdits(call, local, before, `.then(() => true, () => false)${after}`);
  return {
    edits,
    imports,
    safety: api.safety,
    message: `${calleeText(call)}() blocks the event loop: replaced by await ${local}().then(() => true, () => false), which is false for any error as ${calleeText(call)} was${noteSuffix(api)}`,
  };
}

/** Replaces the callee and wraps the call; the argument list is left as written. */
export function calleeEdits(call: ts.CallExpression, newCallee: string, before: string, after: string): TextEdit[] {
  const start = call.getStart();
  const calleeEnd = call.expression.getEnd();
  const edits: TextEdit[] = [{ start, end: calleeEnd, text: before + newCallee }];
  // Type arguments (`fn<T>(...)`) belong to the old signature; drop them with the callee.
  if (call.typeArguments?.length) edits[0].end = call.getSourceFile().text.indexOf('>', call.typeArguments.end) + 1;
  if (after) edits.push({ start: call.getEnd(), end: call.getEnd(), text: after });
  return edits;
}

function noteSuffix(api: NodeBlockingApi): string {
  return api.note ? `; ${api.note}` : '';
}

/**
 * In a TypeScript file, how an overloaded API's promisified call is typed:
 * undefined when nothing is needed, 'untyped' when this arity cannot be.
 */
function typeScriptTyping(call: ts.CallExpression, api: NodeBlockingApi): { typeArguments?: string; resultType?: string } | 'untyped' | undefined {
  if (!api.typeScript || !/\.[mc]?tsx?$/.test(call.getSourceFile().fileName)) return undefined;
  const entry = api.typeScript.find((t) => t.args === call.arguments.length);
  if (!entry) return 'untyped';
  if (!entry.resultType?.includes('$0')) return entry;
  const first = call.arguments[0];
  return first && ts.isIdentifier(first) ? { ...entry, resultType: entry.resultType.replace(/\$0/g, first.text) } : 'untyped';
}

/** Whether `<expr> as T` standing where `node` is needs parentheses. */
function assertionNeedsParens(node: ts.Node): boolean {
  const parent = node.parent;
  switch (parent.kind) {
    case ts.SyntaxKind.VariableDeclaration:
    case ts.SyntaxKind.ReturnStatement:
    case ts.SyntaxKind.ExpressionStatement:
    case ts.SyntaxKind.ArrayLiteralExpression:
    case ts.SyntaxKind.PropertyAssignment:
    case ts.SyntaxKind.ParenthesizedExpression:
    case ts.SyntaxKind.TemplateSpan:
    case ts.SyntaxKind.ArrowFunction:
      return false;
    case ts.SyntaxKind.CallExpression:
    case ts.SyntaxKind.NewExpression:
      return (parent as ts.CallExpression).expression === node;
    case ts.SyntaxKind.BinaryExpression: {
      const bin = parent as ts.BinaryExpression;
      const op = bin.operatorToken.kind;
      return !(op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment && bin.right === node);
    }
    default:
      return true;
  }
}
