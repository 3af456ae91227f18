// missing-await: a call of a project function that is async already, whose
// promise is used as if it were the value (`res.send(getUser(id))`,
// `getUser(id).name`) or dropped (`getUser(id);`). It is what an interrupted
// or partial migration leaves behind (the callee became async, its caller in
// another file was not rewritten yet), and what a person writes by mistake.
// The call becomes a seed of its caller: the await is added and async
// propagates from there as for any blocking call. Uses that hand the promise
// on on purpose (`void p`, `.then/.catch`, `return p`, `Promise.all`, a
// variable awaited later, an argument of a project function, an async IIFE)
// are left alone.
import { ts } from 'ts-morph';
import type { Safety } from '../../core/types.js';
import type { FunctionInfo, GraphBuilder } from '../analysis/graph.js';
import { skipOuter, type ProjectModel } from '../analysis/model.js';

export { MISSING_AWAIT_RULE, missingAwaitRule } from './missing-await-meta.js';

export interface MissingAwait {
  call: ts.CallExpression;
  /** The function the call is in; null at module top level. */
  caller: FunctionInfo | null;
  callee: FunctionInfo;
  /** 'value': the promise is used as the value; 'dropped': nobody looks at it. */
  use: 'value' | 'dropped';
  safety: Safety;
}

/** Calls of async project functions whose promise is used as the value or dropped. */
export function findMissingAwaits(builder: GraphBuilder, model: ProjectModel): MissingAwait[] {
  const found: MissingAwait[] = [];
  const seen = new Set<ts.CallExpression>();
  for (const e of builder.edges) {
    if (e.mode !== 'await') continue;
    const site = builder.sites.get(e);
    if (site?.kind !== 'call' || seen.has(site.call)) continue;
    // `(async () => { ... })()`: an async IIFE is started on purpose, never a forgotten await.
    const inline = skipOuter(site.call.expression);
    if (ts.isArrowFunction(inline) || ts.isFunctionExpression(inline)) continue;
    const callee = builder.byId.get(e.to);
    if (!callee || callee.module || !declaredAsync(callee.node)) continue;
    const use = unawaitedUse(site.call, model);
    if (!use) continue;
    seen.add(site.call);
    found.push({ call: site.call, caller: e.from === null ? null : (builder.byId.get(e.from) ?? null), callee, use, safety: use === 'value' ? 'safe' : 'review' });
  }
  return found;
}

/** `async` on the function itself, and not an async generator (its call gives an iterator, not a promise). */
function declaredAsync(node: ts.Node): boolean {
  if ((node as ts.FunctionLikeDeclarationBase).asteriskToken) return false;
  return (ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);
/** Methods that keep a promise for later (`tasks.push(p)` then `await Promise.all(tasks)`). */
const COLLECTING_METHODS = new Set(['push', 'unshift', 'add', 'set', 'resolve', 'reject']);

/** How the call's promise is used, when it is used as the value or dropped; undefined when handed on (or awaited). */
function unawaitedUse(call: ts.CallExpression, model: ProjectModel): 'value' | 'dropped' | undefined {
  const n = outermost(call);
  const p = n.parent;
  if (!p) return undefined;
  if (ts.isExpressionStatement(p)) return 'dropped';
  if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name)) return variableUse(p, model);
  return valueUse(n, model) ? 'value' : undefined;
}

/** The expression the call is, through parentheses, `as`, `!` and `satisfies`. */
function outermost(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isSatisfiesExpression(n.parent) || ts.isTypeAssertionExpression(n.parent))) n = n.parent;
  return n;
}

/** Whether a promise at `n` is certainly used as if it were the value. */
function valueUse(n: ts.Node, model: ProjectModel): boolean {
  const p = n.parent;
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p) && p.expression === n) return !PROMISE_METHODS.has(p.name.text);
  if (ts.isElementAccessExpression(p) && p.expression === n) return true;
  if (ts.isTemplateSpan(p) || ts.isSpreadElement(p) || ts.isSpreadAssignment(p)) return true;
  if (ts.isPrefixUnaryExpression(p) || ts.isTypeOfExpression(p)) return true;
  if (ts.isIfStatement(p) || ts.isWhileStatement(p) || ts.isDoStatement(p) || ts.isSwitchStatement(p)) return true;
  if (ts.isConditionalExpression(p)) return p.condition === n;
  if (ts.isBinaryExpression(p)) {
    const op = p.operatorToken.kind;
    if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) return false;
    // `a ?? p`, `a || p` hand the promise on as the result; on the left it is tested.
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) return p.left === n;
    return op !== ts.SyntaxKind.CommaToken;
  }
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(n as ts.Expression)) return libraryArgument(p, model);
  if (ts.isForOfStatement(p) && p.expression === n) return p.awaitModifier === undefined;
  return false;
}

/**
 * A promise handed to a call is used as the value when the callee is a
 * library function that wants a value (`res.send(p)`, `JSON.stringify(p)`);
 * a project function's parameter may take a promise on purpose, and
 * collecting or promise-aware calls keep it for later.
 */
function libraryArgument(call: ts.CallExpression | ts.NewExpression, model: ProjectModel): boolean {
  const callee = skipOuter(call.expression);
  if (ts.isIdentifier(callee) && callee.text === 'expect') return false;
  if (ts.isPropertyAccessExpression(callee)) {
    if (COLLECTING_METHODS.has(callee.name.text) || PROMISE_METHODS.has(callee.name.text)) return false;
    const root = skipOuter(callee.expression);
    if (ts.isIdentifier(root) && root.text === 'Promise') return false;
  }
  if (ts.isNewExpression(call)) return false;
  return !model.functionOf(model.valueOf(callee));
}

/**
 * `const u = getUser(id)`: the promise is used as the value when every
 * reference to `u` does that; a reference that awaits, returns or hands it
 * on, or no reference at all with an awaited read elsewhere, means it is kept
 * on purpose. Never read: dropped.
 */
function variableUse(decl: ts.VariableDeclaration, model: ProjectModel): 'value' | 'dropped' | undefined {
  const name = (decl.name as ts.Identifier).text;
  const scope = enclosingScope(decl);
  let refs = 0;
  let onPurpose = false;
  let asValue = false;
  const visit = (node: ts.Node): void => {
    if (onPurpose) return;
    if (ts.isIdentifier(node) && node.text === name && node !== decl.name && model.lookup(name, node) === decl) {
      const parent = node.parent;
      // `{ u }` shorthand, a property name: not a read of the binding the way we look at it.
      if (ts.isPropertyAccessExpression(parent) && parent.name === node) return;
      refs++;
      const n = outermost(node);
      if (valueUse(n, model)) asValue = true;
      else onPurpose = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  if (onPurpose) return undefined;
  if (refs === 0) return decl.parent.flags & ts.NodeFlags.Const ? 'dropped' : undefined;
  return asValue ? 'value' : undefined;
}

function enclosingScope(node: ts.Node): ts.Node {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n) || ts.isSourceFile(n)) return n;
  }
  return node.getSourceFile();
}
