// Functional composition from lodash (`curry`, `flow`) and ramda (`curry`,
// `pipe`), followed so that a project function behind them may become async:
// - `const save = curry((user, balance) => ...)`: a call that supplies every
//   parameter (`save(user, 3)`, `save(user)(3)`) calls the function and gives
//   what it returns, so it is awaited like a plain call; a partial application
//   (`save(user)`) gives a function and is never awaited itself.
// - `flow(f, g)(x)` is `g(f(x))`: when one of the steps became async, the call
//   is written out as nested calls that await the async steps
//   (`await g(await f(x))`); a flow that is kept as a value is not followed.
// Anything else done with a curried function (handed to a package, stored)
// leaves it sync (the caller of `curriedUses` reports it).
import { ts } from 'ts-morph';
import { skipOuter, type ProjectModel, type Value } from './model.js';

const MODULES = new Set(['lodash', 'lodash/fp', 'lodash-es', 'ramda']);

/** `name` from lodash or ramda: `curry` imported from 'lodash/fp', `_.curry`, `require('lodash/curry')`, `R.pipe`. */
function isLibraryFunction(v: Value | undefined, names: string[]): boolean {
  if (v?.kind !== 'external') return false;
  if (MODULES.has(v.module)) return v.path.length === 1 && names.includes(v.path[0]!);
  const [base, sub] = v.module.split('/');
  return v.path.length === 0 && (base === 'lodash' || base === 'lodash-es') && sub !== undefined && names.includes(sub);
}

export function isCurry(v: Value | undefined): boolean {
  return isLibraryFunction(v, ['curry']);
}

function isFlow(v: Value | undefined): boolean {
  return isLibraryFunction(v, ['flow', 'pipe']);
}

export interface CurriedCall {
  /** The curried project function. */
  fn: Extract<Value, { kind: 'function' }>;
  /** The `curry(...)` call that made it. */
  curry: ts.CallExpression;
  /** Arguments supplied so far, through this call. */
  applied: number;
  arity: number;
}

/** A call of a curried project function (`save(user)`, `save(user)(3)`), with how many arguments it has supplied. */
export function curriedCall(model: ProjectModel, call: ts.CallExpression): CurriedCall | undefined {
  if (call.arguments.some(ts.isSpreadElement)) return undefined;
  let applied = call.arguments.length;
  let v = model.valueOf(call.expression);
  for (let depth = 0; v?.kind === 'result' && v.call && depth < 8; depth++) {
    if (isCurry(v.of)) {
      const arg = v.call.arguments[0];
      const fn = arg && !ts.isSpreadElement(arg) ? model.functionOf(model.valueOf(arg)) : undefined;
      if (!fn || v.call.arguments.length !== 1) return undefined;
      const params = fn.node.parameters;
      if (params.some((p) => p.dotDotDotToken || p.initializer || p.questionToken)) return undefined;
      return { fn, curry: v.call, applied, arity: params.length };
    }
    if (v.of.kind !== 'result' || !v.of.call || v.call.arguments.some(ts.isSpreadElement)) return undefined;
    applied += v.call.arguments.length;
    v = v.of;
  }
  return undefined;
}

/** `flow(f, g, ...)(x)`: the inner `flow(...)` call of an outer call that invokes it at once. */
export function invokedFlow(model: ProjectModel, outer: ts.CallExpression): ts.CallExpression | undefined {
  const inner = skipOuter(outer.expression);
  if (!ts.isCallExpression(inner) || inner.arguments.length === 0 || !isFlow(model.valueOf(inner.expression))) return undefined;
  return inner;
}

/** A `flow(...)` call that is invoked at once, given the inner call. */
export function flowInvocation(model: ProjectModel, inner: ts.CallExpression): ts.CallExpression | undefined {
  let n: ts.Node = inner;
  while (ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const outer = n.parent;
  return outer && ts.isCallExpression(outer) && skipOuter(outer.expression) === inner && invokedFlow(model, outer) === inner ? outer : undefined;
}

/**
 * Whether a flow step or argument can move into a nested call without
 * changing what runs first: a name, a literal, a property read, or a call of
 * such things (a partial application, `uniqBy('id')`).
 */
export function isPlainOperand(expr: ts.Expression, depth = 0): boolean {
  const e = skipOuter(expr);
  if (ts.isIdentifier(e) || ts.isLiteralExpression(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword || e.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isPropertyAccessExpression(e)) return isPlainOperand(e.expression, depth);
  if (ts.isCallExpression(e) && depth === 0) return isPlainOperand(e.expression, 1) && e.arguments.every((a) => !ts.isSpreadElement(a) && isPlainOperand(a, 1));
  return false;
}

/**
 * Where a curried function's value goes, other than calls that supply every
 * parameter and partial applications that are steps of a flow invoked at
 * once: the first such use, or undefined when there is none.
 */
export function unfollowedCurriedUse(model: ProjectModel, curry: ts.CallExpression, name: string): ts.Node | undefined {
  for (const file of model.files) {
    if (!file.text.includes(name)) continue;
    let found: ts.Node | undefined;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(n) && isValueUse(n)) {
        const v = model.valueOf(n);
        if (v?.kind === 'result' && v.call === curry && !followedUse(model, n)) found = n;
        return;
      }
      ts.forEachChild(n, visit);
    };
    visit(file.sf);
    if (found) return found;
  }
  return undefined;
}

function isValueUse(id: ts.Identifier): boolean {
  const p = id.parent;
  if ((ts.isVariableDeclaration(p) || ts.isBindingElement(p) || ts.isParameter(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p) || ts.isMethodDeclaration(p) || ts.isFunctionDeclaration(p)) && p.name === id) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isExportSpecifier(p) || ts.isNamespaceImport(p) || ts.isQualifiedName(p) || ts.isTypeReferenceNode(p) || ts.isTypeQueryNode(p)) return false;
  return true;
}

function followedUse(model: ProjectModel, id: ts.Identifier): boolean {
  let n: ts.Expression = id;
  for (;;) {
    let up: ts.Node = n;
    while (ts.isParenthesizedExpression(up.parent)) up = up.parent;
    const p = up.parent;
    if (!p || !ts.isCallExpression(p) || skipOuter(p.expression) !== skipOuter(up as ts.Expression)) break;
    n = p;
  }
  if (n !== id) {
    const c = curriedCall(model, n as ts.CallExpression);
    if (!c) return false;
    if (c.applied >= c.arity) return true;
  }
  // The function, or a partial application of it, as a step of a flow that runs at once.
  const p = n.parent;
  return ts.isCallExpression(p) && p.arguments.includes(n) && flowInvocation(model, p) !== undefined && p.arguments.every((a) => !ts.isSpreadElement(a) && isPlainOperand(a));
}

export interface FlowStep {
  expr: ts.Expression;
  /** The project function the step calls, when calling the step runs one (not a partial application). */
  fn?: Extract<Value, { kind: 'function' }>;
}

/**
 * The steps of `flow(s1, ..., sn)(args)`, or undefined when it cannot be
 * written out as nested calls (a step or argument that is not plain, a spread).
 */
export function flowSteps(model: ProjectModel, outer: ts.CallExpression): FlowStep[] | undefined {
  const inner = invokedFlow(model, outer);
  if (!inner) return undefined;
  if ([...inner.arguments, ...outer.arguments].some((a) => ts.isSpreadElement(a) || !isPlainOperand(a))) return undefined;
  return inner.arguments.map((expr, i) => {
    const supplied = i === 0 ? outer.arguments.length : 1;
    const e = skipOuter(expr);
    const plain = model.functionOf(model.valueOf(e));
    if (plain) return { expr, fn: plain };
    let curried: CurriedCall | undefined;
    if (ts.isCallExpression(e)) curried = curriedCall(model, e);
    else {
      const v = model.valueOf(e);
      if (v?.kind === 'result' && v.call && isCurry(v.of)) {
        const fn = v.call.arguments[0] && !ts.isSpreadElement(v.call.arguments[0]) ? model.functionOf(model.valueOf(v.call.arguments[0])) : undefined;
        if (fn) curried = { fn, curry: v.call, applied: 0, arity: fn.node.parameters.length };
      }
    }
    return curried && curried.applied + supplied >= curried.arity ? { expr, fn: curried.fn } : { expr };
  });
}
