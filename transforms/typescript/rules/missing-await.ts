// missing-await: a call of a project function that is async already, whose
// promise is used as if it were the value (`res.send(getUser(id))`,
// `getUser(id).name`) or dropped (`getUser(id);`). It is what an interrupted
// or partial migration leaves behind (the callee became async, its caller in
// another file was not rewritten yet), and what a person writes by mistake.
// The call becomes a seed of its caller: the await is added and async
// propagates from there as for any blocking call. Uses that hand the promise
// on on purpose (`void p`, `.then/.catch`, `return p`, `Promise.all`, a
// variable awaited later, an argument of a project function, an async IIFE)
// are left alone. A promise passed to a library call that awaitify cannot
// type (`event.waitUntil(p)`) may be taken on purpose: a manual finding.
import { ts } from 'ts-morph';
import type { Safety } from '../../core/types.js';
import type { FunctionInfo, GraphBuilder } from '../analysis/graph.js';
import { skipOuter, type ProjectModel } from '../analysis/model.js';

export { MISSING_AWAIT_RULE, missingAwaitRule } from './missing-await-meta.js';

export interface MissingAwait {
  call: ts.CallExpression;
  /**
   * Set when the promise is passed to a library call awaitify cannot tell
   * wants the value (`event.waitUntil(p)` takes the promise on purpose):
   * the call's text, for a manual finding; no await is added.
   */
  handedTo?: string;
  /** The function the call is in; null at module top level. */
  caller: FunctionInfo | null;
  callee: FunctionInfo;
  /** 'value': the promise is used as the value; 'dropped': nobody looks at it. */
  use: 'value' | 'dropped';
  safety: Safety;
}

/** Calls of async project functions whose promise is used as the value or dropped. */
export function findMissingAwaits(builder: GraphBuilder, model: ProjectModel, checker: () => ts.TypeChecker): MissingAwait[] {
  const found: MissingAwait[] = [];
  const seen = new Set<ts.CallExpression>();
  const sinks = new ValueSinks(builder, model, checker);
  for (const e of builder.edges) {
    if (e.mode !== 'await') continue;
    const site = builder.sites.get(e);
    if (site?.kind !== 'call' || seen.has(site.call)) continue;
    // `(async () => { ... })()`: an async IIFE is started on purpose, never a forgotten await.
    const inline = skipOuter(site.call.expression);
    if (ts.isArrowFunction(inline) || ts.isFunctionExpression(inline)) continue;
    const callee = builder.byId.get(e.to);
    if (!callee || callee.module || !declaredAsync(callee.node)) continue;
    const use = unawaitedUse(site.call, model, sinks);
    if (!use) continue;
    seen.add(site.call);
    const caller = e.from === null ? null : (builder.byId.get(e.from) ?? null);
    if (typeof use === 'object') found.push({ call: site.call, caller, callee, use: 'value', handedTo: use.handedTo, safety: 'manual' });
    else found.push({ call: site.call, caller, callee, use, safety: use === 'value' ? 'safe' : 'review' });
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

/** A promise passed to a library call that may take it on purpose: the call's text. */
type Unsure = { handedTo: string };
type ValueUse = 'value' | Unsure | undefined;

/** How the call's promise is used, when it is used as the value or dropped; undefined when handed on (or awaited). */
function unawaitedUse(call: ts.CallExpression, model: ProjectModel, sinks: ValueSinks): 'value' | 'dropped' | Unsure | undefined {
  const n = outermost(call);
  const p = n.parent;
  if (!p) return undefined;
  if (ts.isExpressionStatement(p)) return 'dropped';
  if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name)) return variableUse(p, model, sinks);
  return valueUse(n, model, sinks);
}

/** The expression the call is, through parentheses, `as`, `!` and `satisfies`. */
function outermost(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent) || ts.isSatisfiesExpression(n.parent) || ts.isTypeAssertionExpression(n.parent))) n = n.parent;
  return n;
}

/** Whether a promise at `n` is certainly used as if it were the value ('value'), may be (Unsure), or is not (undefined). */
function valueUse(n: ts.Node, model: ProjectModel, sinks: ValueSinks): ValueUse {
  const use = certainValueUse(n, model, sinks);
  return use === true ? 'value' : use === false ? undefined : use;
}

function certainValueUse(n: ts.Node, model: ProjectModel, sinks: ValueSinks): boolean | Unsure {
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
  if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && p.arguments?.includes(n as ts.Expression)) return libraryArgument(p, n as ts.Expression, model, sinks);
  if (ts.isForOfStatement(p) && p.expression === n) return p.awaitModifier === undefined;
  return false;
}

/**
 * A promise handed to a call is used as the value when the callee is a
 * library function that wants a value (`res.send(p)`, `JSON.stringify(p)`);
 * a project function's parameter may take a promise on purpose, and
 * collecting or promise-aware calls keep it for later.
 */
function libraryArgument(call: ts.CallExpression | ts.NewExpression, arg: ts.Expression, model: ProjectModel, sinks: ValueSinks): boolean | Unsure {
  const callee = skipOuter(call.expression);
  if (ts.isIdentifier(callee) && callee.text === 'expect') return false;
  if (ts.isPropertyAccessExpression(callee)) {
    if (COLLECTING_METHODS.has(callee.name.text) || PROMISE_METHODS.has(callee.name.text)) return false;
    const root = skipOuter(callee.expression);
    if (ts.isIdentifier(root) && root.text === 'Promise') return false;
  }
  if (ts.isNewExpression(call)) return false;
  if (model.functionOf(model.valueOf(callee))) return false;
  return sinks.wantsValue(call, call.arguments!.indexOf(arg));
}

/** Global functions that read their argument as a value at once. */
const GLOBAL_VALUE_SINKS = new Set(['JSON', 'console', 'String', 'Number', 'Boolean', 'Object', 'Array', 'Buffer', 'encodeURIComponent', 'encodeURI', 'parseInt', 'parseFloat']);

/**
 * Whether a library call wants the value of an argument, rather than taking
 * a promise on purpose (`event.waitUntil(p)`, `pTimeout(p, ms)`): a method of
 * a framework handler's request or response (`res.send(p)`), a global that
 * reads a value (`JSON.stringify(p)`), or a declared parameter type with no
 * `then` in it. Otherwise awaitify cannot tell (an untyped receiver, `any`,
 * a type parameter), and adding the await would run the call later.
 */
class ValueSinks {
  private handlers?: Set<ts.Node>;
  constructor(
    private readonly builder: GraphBuilder,
    private readonly model: ProjectModel,
    private readonly checker: () => ts.TypeChecker,
  ) {}

  wantsValue(call: ts.CallExpression | ts.NewExpression, index: number): boolean | Unsure {
    const root = receiverRoot(call.expression);
    if (root && ts.isIdentifier(root)) {
      const decl = this.model.lookup(root.text, root);
      if (!decl && GLOBAL_VALUE_SINKS.has(root.text)) return true;
      const param = decl && (ts.isParameter(decl) ? decl : ts.isParameter(decl.parent) ? decl.parent : undefined);
      if (param && this.isHandler(param.parent)) return true;
    }
    const declared = this.declaredParameter(call, index);
    return declared === 'value' ? true : declared === 'promise' ? false : { handedTo: call.expression.getText() };
  }

  private isHandler(fn: ts.Node): boolean {
    this.handlers ??= new Set([...this.builder.byId.values()].filter((f) => f.registration).map((f) => f.node as ts.Node));
    return this.handlers.has(fn);
  }

  /** What the callee's declared parameter at `index` takes: a value only, a promise too, or unknown (untyped, `any`, generic). */
  private declaredParameter(call: ts.CallExpression | ts.NewExpression, index: number): 'value' | 'promise' | undefined {
    const checker = this.checker();
    const sig = checker.getResolvedSignature(call);
    if (!sig?.declaration || index < 0) return undefined;
    const params = sig.getParameters();
    const last = params[params.length - 1];
    const rest = last?.valueDeclaration && ts.isParameter(last.valueDeclaration) && last.valueDeclaration.dotDotDotToken;
    const sym = index < params.length - (rest ? 1 : 0) ? params[index] : rest ? last : undefined;
    if (!sym) return undefined;
    // The run loads no lib files: `Promise` is known by its name in the declaration only.
    const typeNode = sym.valueDeclaration && ts.isParameter(sym.valueDeclaration) ? sym.valueDeclaration.type : undefined;
    if (typeNode && mentionsPromise(typeNode)) return 'promise';
    let type = checker.getTypeOfSymbolAtLocation(sym, call);
    if (rest && sym === last) type = checker.getIndexTypeOfType(type, ts.IndexKind.Number) ?? type;
    const members = type.isUnion() ? type.types : [type];
    if (members.some((t) => t.flags & ts.TypeFlags.Object && checker.getPropertyOfType(t, 'then'))) return 'promise';
    return members.some((t) => t.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter | ts.TypeFlags.NonPrimitive)) ? undefined : 'value';
  }
}

const PROMISE_TYPE_NAMES = new Set(['Promise', 'PromiseLike']);

function mentionsPromise(node: ts.Node): boolean {
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && PROMISE_TYPE_NAMES.has(node.typeName.text)) return true;
  return ts.forEachChild(node, mentionsPromise) ?? false;
}

/** `res` in `res.status(404).send(p)`. */
function receiverRoot(expr: ts.Expression): ts.Expression | undefined {
  let e = skipOuter(expr);
  if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e)) return ts.isIdentifier(e) ? e : undefined;
  while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e)) e = skipOuter(e.expression);
  return e;
}

/**
 * `const u = getUser(id)`: the promise is used as the value when every
 * reference to `u` does that; a reference that awaits, returns or hands it
 * on, or no reference at all with an awaited read elsewhere, means it is kept
 * on purpose. Never read: dropped.
 */
function variableUse(decl: ts.VariableDeclaration, model: ProjectModel, sinks: ValueSinks): 'value' | 'dropped' | Unsure | undefined {
  const name = (decl.name as ts.Identifier).text;
  const scope = enclosingScope(decl);
  let refs = 0;
  let onPurpose = false;
  let asValue = false;
  let unsure: Unsure | undefined;
  const visit = (node: ts.Node): void => {
    if (onPurpose) return;
    if (ts.isIdentifier(node) && node.text === name && node !== decl.name && model.lookup(name, node) === decl) {
      const parent = node.parent;
      // `{ u }` shorthand, a property name: not a read of the binding the way we look at it.
      if (ts.isPropertyAccessExpression(parent) && parent.name === node) return;
      refs++;
      const use = valueUse(outermost(node), model, sinks);
      if (use === 'value') asValue = true;
      else if (use) unsure ??= use;
      else onPurpose = true;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  if (onPurpose) return undefined;
  if (refs === 0) return decl.parent.flags & ts.NodeFlags.Const ? 'dropped' : undefined;
  return unsure ?? (asValue ? 'value' : undefined);
}

function enclosingScope(node: ts.Node): ts.Node {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n) || ts.isSourceFile(n)) return n;
  }
  return node.getSourceFile();
}
