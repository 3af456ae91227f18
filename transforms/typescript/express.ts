// Express 4 ignores the promise an async handler returns, so a handler that
// becomes async must hand its errors to `next` itself. These edits wrap the
// body in try/catch, adding the `next` parameter when the handler lacks it.
import { ts } from 'ts-morph';
import type { ImportRequest, TextEdit } from '../core/types.js';
import { runtimeParameters, type FunctionLike } from './analysis/model.js';

export interface ExpressWrapNamer {
  named(module: string, name: string): { local: string; request?: ImportRequest };
  /** A name no identifier in the file uses and no other rewrite has taken (`keep`, `keep2`, ...). */
  freshLocal(base: string): string;
}

export type ExpressWrap = { edits: TextEdit[]; imports: ImportRequest[] } | { skip: string };

/** `replaced`: ranges other edits replace; lines starting inside them are not re-indented. */
export function expressAsyncErrorEdits(fn: FunctionLike, method: string, isTypeScript: boolean, namer: () => ExpressWrapNamer, replaced: readonly [number, number][] = []): ExpressWrap {
  const sf = fn.getSourceFile();
  const text = sf.text;
  const params = runtimeParameters(fn);
  const body = fn.body;
  if (!body) return { skip: 'no body' };
  if (ts.isBlock(body) && body.statements.length === 1) {
    const only = body.statements[0]!;
    if (ts.isTryStatement(only) && only.catchClause && !containsThrow(only.catchClause.block)) return { skip: 'the body is already a try/catch' };
  }
  if (ts.isBlock(body) && body.statements.length === 0) return { skip: 'empty body' };

  const edits: TextEdit[] = [];
  const imports: ImportRequest[] = [];
  const used = identifiersIn(fn);
  // `(req, res, next)`, `(req, res, next, value)` for app.param, and
  // `(err, req, res, next)` for error-handling middleware, whose own failures
  // (a logger that throws) must reach the next error handler too.
  const nextIndex = params.length >= 4 && method !== 'param' ? 3 : 2;
  let nextName: string;
  const existing = params[nextIndex];
  if (existing) {
    if (!ts.isIdentifier(existing.name)) return { skip: 'the next parameter is destructured' };
    nextName = existing.name.text;
  } else {
    nextName = fresh('next', used);
    const names = [fresh('req', used), fresh('res', used)];
    const missing = [...names.slice(params.length), nextName];
    // A TypeScript function that is not contextually typed needs `next` annotated under noImplicitAny.
    const annotate = isTypeScript && params.some((p) => p.type) && !isContextuallyTyped(fn);
    let nextType = '';
    if (annotate) {
      const n = namer().named('express', 'NextFunction');
      nextType = `: ${n.local}`;
      if (n.request) imports.push(n.request);
    }
    const added = missing.map((m, i) => (i === missing.length - 1 ? m + nextType : m)).join(', ');
    // After the last parameter, a `this: T` one included.
    const last = fn.parameters[fn.parameters.length - 1];
    if (!last) {
      const open = findToken(fn, ts.SyntaxKind.OpenParenToken);
      if (!open) {
        return { skip: 'no parameter list' };
      }
      edits.push({ start: open.getEnd(), end: open.getEnd(), text: added });
    } else if (ts.isArrowFunction(fn) && !findToken(fn, ts.SyntaxKind.OpenParenToken)) {
      // `req => ...`
      edits.push({ start: last.getStart(sf), end: last.getStart(sf), text: '(' });
      edits.push({ start: last.getEnd(), end: last.getEnd(), text: `, ${added})` });
    } else {
      edits.push({ start: last.getEnd(), end: last.getEnd(), text: `, ${added}` });
    }
  }

  // Error middleware already binds `err`; the caught error gets its own name.
  const caught = used.has('err') ? fresh('error', used) : 'err';
  const catchBody = `${nextName}(${caught});`;
  if (!ts.isBlock(body)) {
    // `(req, res) => res.send(x)` → a block that returns the value inside try.
    const start = body.getStart(sf);
    edits.push({ start, end: start, text: '{ try { return ' });
    edits.push({ start: body.getEnd(), end: body.getEnd(), text: `; } catch (${caught}) { ${catchBody} } }` });
    return { edits, imports };
  }

  const open = body.getStart(sf);
  const close = body.getEnd() - 1;
  const openLine = lineOf(text, open);
  const closeLine = lineOf(text, close);
  if (openLine === closeLine || !onlyWhitespaceBefore(text, close)) {
    edits.push({ start: open + 1, end: open + 1, text: ' try {' });
    const spaced = /\s/.test(text[close - 1] ?? '');
    edits.push({ start: close, end: close, text: `${spaced ? '' : ' '}} catch (${caught}) { ${catchBody} } ` });
    return { edits, imports };
  }

  const outerIndent = indentOfLine(text, close);
  const firstStmt = body.statements[0]!;
  const stmtIndent = indentOfLine(text, firstStmt.getStart(sf));
  const unit = stmtIndent.startsWith(outerIndent) && stmtIndent.length > outerIndent.length ? stmtIndent.slice(outerIndent.length) : detectIndentUnit(text);
  const bodyIndent = outerIndent + unit;
  edits.push({ start: open + 1, end: open + 1, text: `\n${bodyIndent}try {` });
  const protectedRanges = [...literalRanges(body), ...replaced];
  for (let pos = text.indexOf('\n', open) + 1; pos > 0 && pos < lineStart(text, close); pos = text.indexOf('\n', pos) + 1) {
    const end = lineEnd(text, pos);
    const line = text.slice(pos, end);
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) continue; // unindented line: leave it (inserting here could meet another edit)
    if (protectedRanges.some(([s, e]) => s < pos && pos < e)) continue;
    edits.push({ start: pos, end: pos, text: unit });
  }
  const closeLineStart = lineStart(text, close);
  edits.push({
    start: closeLineStart,
    end: closeLineStart,
    text: `${bodyIndent}} catch (${caught}) {\n${bodyIndent}${unit}${catchBody}\n${bodyIndent}}\n`,
  });
  return { edits, imports };
}

function containsThrow(node: ts.Node): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || (n !== node && (ts.isFunctionLike(n) || ts.isClassLike(n)))) return;
    if (ts.isThrowStatement(n)) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

function identifiersIn(node: ts.Node): Set<string> {
  const out = new Set<string>();
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) out.add(n.text);
    ts.forEachChild(n, visit);
  };
  visit(node);
  return out;
}

function fresh(base: string, used: Set<string>): string {
  if (!used.has(base)) return base;
  for (let i = 1; ; i++) {
    const candidate = i === 1 ? `_${base}` : `${base}${i}`;
    if (!used.has(candidate)) return candidate;
  }
}

function isContextuallyTyped(fn: FunctionLike): boolean {
  let n: ts.Node = fn;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (ts.isCallExpression(p) || ts.isNewExpression(p) || ts.isArrayLiteralExpression(p)) return true;
  if (ts.isVariableDeclaration(p) && p.type) return true;
  return false;
}

function findToken(fn: ts.Node, kind: ts.SyntaxKind): ts.Node | undefined {
  const sf = fn.getSourceFile();
  for (const child of fn.getChildren(sf)) {
    if (child.kind === kind) return child;
    if (ts.isBlock(child) || child.kind === ts.SyntaxKind.EqualsGreaterThanToken) break;
  }
  return undefined;
}

function literalRanges(root: ts.Node): [number, number][] {
  const out: [number, number][] = [];
  const sf = root.getSourceFile();
  const visit = (n: ts.Node): void => {
    if (ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n) || ts.isStringLiteral(n) || ts.isJsxText(n)) {
      out.push([n.getStart(sf), n.getEnd()]);
      return;
    }
    if (ts.isTemplateExpression(n)) {
      visit(n.head);
      for (const span of n.templateSpans) {
        visit(span.expression);
        visit(span.literal);
      }
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(root);
  return out;
}

function lineOf(text: string, pos: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < pos; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

function lineEnd(text: string, pos: number): number {
  const i = text.indexOf('\n', pos);
  return i === -1 ? text.length : i;
}

function onlyWhitespaceBefore(text: string, pos: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStart(text, pos), pos));
}

function indentOfLine(text: string, pos: number): string {
  const start = lineStart(text, pos);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** The file's indentation unit: the smallest indent of an indented line, two spaces when there is none. */
export function detectIndentUnit(text: string): string {
  let best: string | undefined;
  for (const m of text.matchAll(/\n([ \t]+)\S/g)) {
    const ws = m[1]!;
    if (ws.startsWith('\t')) return '\t';
    if (!best || ws.length < best.length) best = ws;
  }
  return best && best.length <= 8 ? best : '  ';
}
