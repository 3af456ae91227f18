// Blocking sleeps → `await setTimeout(ms)` from timers/promises:
// - `Atomics.wait(buf, i, 0, ms)` on an Int32Array over a SharedArrayBuffer the
//   code made itself and never shares, so nothing can wake it: a sleep of ms;
// - an empty loop polling the clock: `while (Date.now() < end) {}` or
//   `while (Date.now() - start < ms) {}`, folded with the declaration of `end`
//   / `start` just before it when nothing else reads that variable.
import { ts } from 'ts-morph';
import type { NodeBlockingApi } from '../../catalog/node.js';
import type { ImportRequest, TextEdit } from '../../core/types.js';
import type { ImportNamer } from '../imports.js';
import { isSimpleOperand } from '../syntax.js';
import { skipParens, type RewriteResult } from './rewrite.js';
import type { ScopeIndex } from './scope.js';

/**
 * `setTimeout` itself unless the file uses the global one; then the row's
 * preferred name (`sleep`), or `delay` when the file already has a `sleep`
 * (often the very helper being fixed).
 */
function sleepFunction(api: NodeBlockingApi, namer: ImportNamer, imports: ImportRequest[]): string {
  const preferred = [...new Set([api.replacement!.preferredLocal ?? 'sleep', 'delay'])];
  const { local, request } = namer.named(api.replacement!.module, api.replacement!.name, preferred);
  if (request) imports.push(request);
  return local;
}

// ---- Atomics.wait ---------------------------------------------------------

/** The delay argument when `call` is an `Atomics.wait(...)` statement that can only time out. */
export function atomicsSleepDelay(call: ts.CallExpression, scopes: ScopeIndex): ts.Expression | undefined {
  const [buffer, index, value, timeout] = call.arguments;
  if (call.arguments.length !== 4 || !buffer || !index || !value || !timeout) return undefined;
  if (!ts.isExpressionStatement(call.parent)) return undefined;
  // The buffer starts zeroed; waiting for 0 at any index blocks until the timeout.
  const v = skipParens(value);
  if (!ts.isNumericLiteral(v) || Number(v.text) !== 0) return undefined;
  if (!isPrivateWaitBuffer(skipParens(buffer), scopes)) return undefined;
  return timeout;
}

function isNewOf(expr: ts.Expression, ctor: string, scopes: ScopeIndex): expr is ts.NewExpression {
  return ts.isNewExpression(expr) && ts.isIdentifier(expr.expression) && expr.expression.text === ctor && !scopes.resolve(ctor, expr.expression);
}

/** `new Int32Array(new SharedArrayBuffer(n))`, directly or through consts used for nothing but waiting. */
function isPrivateWaitBuffer(expr: ts.Expression, scopes: ScopeIndex): boolean {
  const array = followConst(expr, scopes, (refs) => refs.every(isWaitBufferArgument));
  if (!array || !isNewOf(array, 'Int32Array', scopes) || array.arguments?.length !== 1) return false;
  // The memory itself: only this one view may see it.
  const sab = followConst(skipParens(array.arguments[0]), scopes, (refs) => refs.length === 1);
  return sab !== undefined && isNewOf(sab, 'SharedArrayBuffer', scopes);
}

/** The first argument of an `Atomics.wait(...)` call. */
function isWaitBufferArgument(ref: ts.Identifier): boolean {
  const call = ref.parent;
  if (!ts.isCallExpression(call) || call.arguments[0] !== ref) return false;
  const callee = skipParens(call.expression);
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'Atomics' && callee.name.text === 'wait';
}

/**
 * The initializer behind `expr` when it is an identifier bound by a `const`
 * whose references pass `allowed` (so nobody else can write to or notify
 * the buffer); `expr` itself when it is not an identifier.
 */
function followConst(expr: ts.Expression, scopes: ScopeIndex, allowed: (refs: ts.Identifier[]) => boolean): ts.Expression | undefined {
  if (!ts.isIdentifier(expr)) return expr;
  const decl = scopes.resolve(expr.text, expr);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isIdentifier(decl.name)) return undefined;
  if ((decl.parent.flags & ts.NodeFlags.Const) === 0) return undefined;
  if (!allowed(referencesOf(decl, decl.name.text, scopes))) return undefined;
  return skipParens(decl.initializer);
}

/** Identifiers (not the declaration's own name) that resolve to `decl`. */
function referencesOf(decl: ts.Node, name: string, scopes: ScopeIndex): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === name && node !== (decl as ts.VariableDeclaration).name) {
      const parent = node.parent;
      const propertyName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
      if (!propertyName && scopes.resolve(name, node) === decl) out.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(scopes.sourceFile);
  return out;
}

export function rewriteAtomicsSleep(call: ts.CallExpression, delay: ts.Expression, api: NodeBlockingApi, namer: ImportNamer): RewriteResult {
  const imports: ImportRequest[] = [];
  const sleep = sleepFunction(api, namer, imports);
  const edits: TextEdit[] = [
    { start: call.getStart(), end: delay.getStart(), text: `await ${sleep}(` },
    { start: delay.getEnd(), end: call.getEnd(), text: ')' },
  ];
  return { edits, imports, safety: api.safety, message: `Atomics.wait() on a private buffer is a blocking sleep: replaced by await ${sleep}() from ${api.replacement!.module}` };
}

// ---- busy-wait loops ------------------------------------------------------

export interface BusyWait {
  loop: ts.WhileStatement | ts.DoStatement;
  /** The clock call in the condition (`Date.now()`), reported as the blocking call. */
  clock: ts.CallExpression;
  /** `clock < deadline` */
  deadline?: ts.Expression;
  /** `clock - start < duration` */
  start?: ts.Expression;
  duration?: ts.Expression;
}

/** `Date.now()` or `performance.now()` on the globals. */
function isClockCall(expr: ts.Expression, scopes: ScopeIndex): expr is ts.CallExpression {
  if (!ts.isCallExpression(expr) || expr.arguments.length) return false;
  const callee = skipParens(expr.expression);
  if (!ts.isPropertyAccessExpression(callee) || !ts.isIdentifier(callee.expression) || callee.name.text !== 'now') return false;
  const object = callee.expression.text;
  return (object === 'Date' || object === 'performance') && !scopes.resolve(object, callee.expression);
}

function isEmptyBody(stmt: ts.Statement): boolean {
  return ts.isEmptyStatement(stmt) || (ts.isBlock(stmt) && stmt.statements.length === 0);
}

/** A loop whose empty body spins until the clock passes a deadline. */
export function matchBusyWait(loop: ts.WhileStatement | ts.DoStatement, scopes: ScopeIndex): BusyWait | undefined {
  if (!isEmptyBody(loop.statement)) return undefined;
  const cond = skipParens(loop.expression);
  if (!ts.isBinaryExpression(cond)) return undefined;
  const op = cond.operatorToken.kind;
  let small: ts.Expression;
  let big: ts.Expression;
  if (op === ts.SyntaxKind.LessThanToken || op === ts.SyntaxKind.LessThanEqualsToken) [small, big] = [cond.left, cond.right];
  else if (op === ts.SyntaxKind.GreaterThanToken || op === ts.SyntaxKind.GreaterThanEqualsToken) [small, big] = [cond.right, cond.left];
  else return undefined;
  small = skipParens(small);
  if (isClockCall(small, scopes)) return { loop, clock: small, deadline: big };
  if (ts.isBinaryExpression(small) && small.operatorToken.kind === ts.SyntaxKind.MinusToken) {
    const clock = skipParens(small.left);
    if (isClockCall(clock, scopes)) return { loop, clock, start: small.right, duration: big };
  }
  return undefined;
}

/** The statement right before `stmt` in its block, if it declares exactly `name` from an initializer. */
function precedingDeclaration(stmt: ts.Statement, name: ts.Identifier, scopes: ScopeIndex): { statement: ts.VariableStatement; init: ts.Expression } | undefined {
  const parent = stmt.parent;
  if (!ts.isBlock(parent) && !ts.isSourceFile(parent) && !ts.isModuleBlock(parent) && !ts.isCaseClause(parent) && !ts.isDefaultClause(parent)) return undefined;
  const statements = parent.statements as ts.NodeArray<ts.Statement>;
  const index = statements.indexOf(stmt);
  const prev = index > 0 ? statements[index - 1] : undefined;
  if (!prev || !ts.isVariableStatement(prev) || prev.declarationList.declarations.length !== 1) return undefined;
  const decl = prev.declarationList.declarations[0];
  if (!ts.isIdentifier(decl.name) || decl.name.text !== name.text || !decl.initializer) return undefined;
  if (scopes.resolve(name.text, name) !== decl) return undefined;
  // Folding removes the variable: nothing but the loop may read it.
  const refs = referencesOf(decl, name.text, scopes);
  if (refs.some((r) => r.pos < stmt.pos || r.end > stmt.end)) return undefined;
  return { statement: prev, init: skipParens(decl.initializer) };
}

function operand(expr: ts.Expression): string {
  const inner = skipParens(expr);
  return isSimpleOperand(inner) ? expr.getText() : `(${expr.getText()})`;
}

export function rewriteBusyWait(wait: BusyWait, api: NodeBlockingApi, namer: ImportNamer, scopes: ScopeIndex): RewriteResult {
  const { loop, clock } = wait;
  const text = scopes.sourceFile.text;
  const semi = usesSemicolons(loop, text) ? ';' : '';
  const imports: ImportRequest[] = [];
  const sleep = sleepFunction(api, namer, imports);
  const message = `an empty loop polling ${clock.expression.getText()}() is a blocking sleep that also burns a CPU core: replaced by await ${sleep}() from ${api.replacement!.module}`;

  // The delay expression kept as written, and the range it replaces.
  let from = loop.getStart();
  let delay: ts.Expression | undefined;
  if (wait.deadline) {
    const id = skipParens(wait.deadline);
    const folded = ts.isIdentifier(id) ? precedingDeclaration(loop, id, scopes) : undefined;
    if (folded && ts.isBinaryExpression(folded.init) && folded.init.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const { left, right } = folded.init;
      if (isClockCall(skipParens(left), scopes) && sameClock(skipParens(left) as ts.CallExpression, clock)) delay = right;
      else if (isClockCall(skipParens(right), scopes) && sameClock(skipParens(right) as ts.CallExpression, clock)) delay = left;
      if (delay) from = folded.statement.getStart();
    }
    if (!delay) {
      const replacement = `await ${sleep}(Math.max(0, ${operand(wait.deadline)} - ${clock.getText()}))${semi}`;
      return { edits: [{ start: loop.getStart(), end: loop.getEnd(), text: replacement }], imports, safety: api.safety, message };
    }
  } else {
    const id = skipParens(wait.start!);
    const folded = ts.isIdentifier(id) ? precedingDeclaration(loop, id, scopes) : undefined;
    if (folded && isClockCall(folded.init, scopes) && sameClock(folded.init, clock)) {
      delay = wait.duration!;
      from = folded.statement.getStart();
    } else {
      const replacement = `await ${sleep}(Math.max(0, ${operand(wait.duration!)} - (${clock.getText()} - ${operand(wait.start!)})))${semi}`;
      return { edits: [{ start: loop.getStart(), end: loop.getEnd(), text: replacement }], imports, safety: api.safety, message };
    }
  }
  const edits: TextEdit[] = [
    { start: from, end: delay.getStart(), text: `await ${sleep}(` },
    { start: delay.getEnd(), end: loop.getEnd(), text: `)${semi}` },
  ];
  return { edits, imports, safety: api.safety, message };
}

function sameClock(a: ts.CallExpression, b: ts.CallExpression): boolean {
  return a.expression.getText() === b.expression.getText();
}

/** Whether the file ends its statements with semicolons (so the new statement does too). */
function usesSemicolons(loop: ts.Statement, text: string): boolean {
  let withSemi = 0;
  let total = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node) || ts.isVariableStatement(node) || ts.isReturnStatement(node)) {
      total++;
      if (text[node.getEnd() - 1] === ';') withSemi++;
    }
    ts.forEachChild(node, visit);
  };
  visit(loop.getSourceFile());
  return total === 0 || withSemi * 2 >= total;
}
