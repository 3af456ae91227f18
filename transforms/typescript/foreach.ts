// Whether `arr.forEach(cb)` can become `for (const x of arr) { ... }`, and how.
// Decided while the graph is built: a callback that cannot be inlined is a
// boundary, so the planner keeps it sync instead of creating a floating promise.
import { ts } from 'ts-morph';
import type { TextEdit } from '../core/types.js';
import { isFunctionLike, skipOuter, type ProjectModel } from './analysis/model.js';

export interface ForEachPlan {
  statement: ts.ExpressionStatement;
  call: ts.CallExpression;
  receiver: ts.Expression;
  callback: ts.ArrowFunction | ts.FunctionExpression;
  /** `for (const <head> of <receiver><suffix>)` */
  head: string;
  suffix: string;
  /** `return;` statements of the callback that become `continue;`. */
  returns: ts.ReturnStatement[];
  /** True when the receiver is known to be an array (or a Map/Set handled as such). */
  knownReceiver: boolean;
  /** `var` declarations at the top of the callback body that become `let` (one binding per iteration, as per call). */
  varKeywords: ts.VariableDeclarationList[];
}

const ARRAY_METHODS = new Set(['map', 'filter', 'slice', 'concat', 'flat', 'flatMap', 'split', 'sort', 'reverse', 'toSorted', 'toReversed', 'keys', 'values', 'entries', 'match', 'fill']);

export function analyzeForEach(call: ts.CallExpression, arg: ts.Expression, model: ProjectModel): ForEachPlan | { manual: string } {
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee)) return { manual: 'unusual callee' };
  const cb = skipOuter(arg);
  if (!ts.isArrowFunction(cb) && !ts.isFunctionExpression(cb)) return { manual: 'the callback is not written inline' };
  // A thisArg matters only to a `function` callback that uses `this` (refused below);
  // it is dropped with the call, so it must be free of side effects.
  if (call.arguments.length > 2 || (call.arguments.length === 2 && !isPlainReference(call.arguments[1]!))) return { manual: 'forEach is given a thisArg that is evaluated with effects (not `this`, a name or a property of one), and the loop would drop it' };
  if (!call.parent || !ts.isExpressionStatement(call.parent)) return { manual: 'the forEach call is part of a larger expression' };
  if (ts.isFunctionExpression(cb) && (cb.name || cb.asteriskToken)) return { manual: 'the callback is a named or generator function expression' };
  const params = cb.parameters;
  if (params.length > 2) return { manual: 'the callback uses the third (array) parameter' };
  for (const p of params) {
    if (p.initializer || p.dotDotDotToken) return { manual: 'the callback has a default or rest parameter' };
    if (ts.isIdentifier(p.name) && p.name.text === 'this') return { manual: 'the callback declares `this`' };
  }
  if (params[1] && !ts.isIdentifier(params[1].name)) return { manual: 'the index parameter is destructured' };

  // The body moves into the enclosing function: `this`/`arguments` of a function expression would change meaning.
  const returns: ts.ReturnStatement[] = [];
  const varKeywords: ts.VariableDeclarationList[] = [];
  const topVars = ts.isBlock(cb.body) ? hoistableVars(cb, cb.body) : undefined;
  let problem: string | undefined;
  const isFnExpr = ts.isFunctionExpression(cb);
  const visit = (n: ts.Node, loopDepth: number, inNestedFunction: boolean): void => {
    if (problem) return;
    if (isFunctionLike(n) || ts.isClassLike(n)) {
      // Arrows inherit `this`/`arguments`, so they still matter for a function expression callback.
      if (ts.isArrowFunction(n) && isFnExpr) ts.forEachChild(n, (c) => visit(c, loopDepth, true));
      return;
    }
    if (isFnExpr && (n.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(n) && n.text === 'arguments' && !model.lookup('arguments', n)))) {
      problem = 'the callback is a `function` that uses `this` or `arguments`';
      return;
    }
    if (inNestedFunction) {
      ts.forEachChild(n, (c) => visit(c, loopDepth, true));
      return;
    }
    if (ts.isReturnStatement(n)) {
      if (n.expression) problem = 'the callback returns a value';
      else if (loopDepth > 0) problem = '`return` inside a nested loop cannot become `continue`';
      else returns.push(n);
      return;
    }
    if (ts.isVariableDeclarationList(n) && !(n.flags & ts.NodeFlags.BlockScoped) && topVars?.has(n)) {
      varKeywords.push(n);
      ts.forEachChild(n, (c) => visit(c, loopDepth, false));
      return;
    }
    if (ts.isVariableDeclarationList(n) && !(n.flags & ts.NodeFlags.BlockScoped)) {
      problem = 'the callback declares `var` variables that cannot become `let` (declared twice or inside a nested block, named like a parameter, or used before the declaration), and as `var` they would move to the enclosing function';
      return;
    }
    const isLoop = ts.isIterationStatement(n, false);
    ts.forEachChild(n, (c) => visit(c, isLoop ? loopDepth + 1 : loopDepth, false));
  };
  if (ts.isBlock(cb.body)) visit(cb.body, 0, false);
  else visit(cb.body, 0, false);
  if (problem) return { manual: problem };

  const sf = call.getSourceFile();
  const paramText = (p: ts.ParameterDeclaration) => p.name.getText(sf);
  const receiver = callee.expression;
  const kind = receiverKind(receiver, model);
  let head: string;
  let suffix = '';
  if (kind === 'map') {
    if (params.length === 2) head = `[${paramText(params[1]!)}, ${params[0] ? paramText(params[0]) : '_'}]`;
    else {
      head = params[0] ? paramText(params[0]) : '_';
      suffix = '.values()';
    }
  } else if (kind === 'set') {
    if (params.length === 2) return { manual: 'a Set callback with two parameters' };
    head = params[0] ? paramText(params[0]) : '_';
  } else if (params.length === 2) {
    head = `[${paramText(params[1]!)}, ${paramText(params[0]!)}]`;
    suffix = '.entries()';
  } else head = params[0] ? paramText(params[0]) : '_';

  return { statement: call.parent, call, receiver, callback: cb, head, suffix, returns, knownReceiver: kind !== 'unknown', varKeywords };
}

/**
 * The edits that inline the callback, keeping the receiver and body text
 * untouched so edits inside them (awaits, blocking-call rewrites) still apply.
 */
export function forEachEdits(plan: ForEachPlan): TextEdit[] {
  const sf = plan.call.getSourceFile();
  const { statement, receiver, callback } = plan;
  const start = statement.getStart(sf);
  const body = callback.body;
  const edits: TextEdit[] = [{ start, end: start, text: `for (const ${plan.head} of ` }];
  edits.push({ start: receiver.getEnd(), end: body.getStart(sf), text: `${plan.suffix}) ` });
  if (ts.isBlock(body)) {
    // `});` after the block goes; the block is the loop body.
    edits.push({ start: body.getEnd(), end: statement.getEnd(), text: '' });
  } else {
    // `x => f(x))` keeps its `;` (if any) as the statement's end.
    edits.push({ start: body.getEnd(), end: plan.call.getEnd(), text: '' });
  }
  for (const list of plan.varKeywords) {
    const vs = list.getStart(sf);
    edits.push({ start: vs, end: vs + 'var'.length, text: 'let' });
  }
  for (const r of plan.returns) {
    const rs = r.getStart(sf);
    edits.push({ start: rs, end: rs + 'return'.length, text: 'continue' });
  }
  return edits;
}

export function receiverKind(receiver: ts.Expression, model: ProjectModel): 'array' | 'map' | 'set' | 'unknown' {
  const expr = skipOuter(receiver);
  if (ts.isArrayLiteralExpression(expr)) return 'array';
  if (ts.isNewExpression(expr) && ts.isIdentifier(expr.expression)) {
    if (expr.expression.text === 'Map') return 'map';
    if (expr.expression.text === 'Set') return 'set';
    if (expr.expression.text === 'Array') return 'array';
  }
  if (ts.isCallExpression(expr)) {
    const c = skipOuter(expr.expression);
    if (ts.isPropertyAccessExpression(c)) {
      const obj = c.expression;
      if (ts.isIdentifier(obj) && (obj.text === 'Object' || obj.text === 'Array') && ['keys', 'values', 'entries', 'from', 'of'].includes(c.name.text)) return 'array';
      if (ARRAY_METHODS.has(c.name.text) && !['keys', 'values', 'entries'].includes(c.name.text)) return 'array';
    }
    return 'unknown';
  }
  if (ts.isIdentifier(expr)) {
    const decl = model.lookup(expr.text, expr);
    if (!decl) return 'unknown';
    if ((ts.isVariableDeclaration(decl) || ts.isParameter(decl) || ts.isPropertyDeclaration(decl)) && decl.type) return typeKind(decl.type);
    if (ts.isVariableDeclaration(decl) && decl.initializer && ts.isIdentifier(decl.name)) {
      const init = skipOuter(decl.initializer);
      if (init !== expr) return receiverKind(init, model);
    }
    return 'unknown';
  }
  return 'unknown';
}

function typeKind(type: ts.TypeNode): 'array' | 'map' | 'set' | 'unknown' {
  if (ts.isArrayTypeNode(type) || ts.isTupleTypeNode(type)) return 'array';
  if (ts.isTypeOperatorNode(type) && type.operator === ts.SyntaxKind.ReadonlyKeyword) return typeKind(type.type);
  if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
    const n = type.typeName.text;
    if (n === 'Array' || n === 'ReadonlyArray') return 'array';
    if (n === 'Map' || n === 'ReadonlyMap') return 'map';
    if (n === 'Set' || n === 'ReadonlySet') return 'set';
  }
  return 'unknown';
}

/** `this`, a name, or a property chain of them: evaluating it has no effect. */
function isPlainReference(expr: ts.Expression): boolean {
  const e = skipOuter(expr);
  if (e.kind === ts.SyntaxKind.ThisKeyword || ts.isIdentifier(e) || e.kind === ts.SyntaxKind.NullKeyword || e.kind === ts.SyntaxKind.UndefinedKeyword) return true;
  return ts.isPropertyAccessExpression(e) && !e.questionDotToken && isPlainReference(e.expression);
}

/**
 * The `var` statements directly in the callback's body whose names can become
 * `let` unchanged: each name declared once, not a parameter, and not used
 * before its declaration (a `var` is hoisted; a `let` would throw there).
 */
function hoistableVars(cb: ts.ArrowFunction | ts.FunctionExpression, body: ts.Block): Set<ts.VariableDeclarationList> {
  const out = new Set<ts.VariableDeclarationList>();
  const params = new Set(cb.parameters.flatMap((p) => (ts.isIdentifier(p.name) ? [p.name.text] : [])));
  const declared = new Map<string, number>();
  const countVars = (n: ts.Node): void => {
    if (isFunctionLike(n)) return;
    if (ts.isVariableDeclarationList(n) && !(n.flags & ts.NodeFlags.BlockScoped)) {
      for (const d of n.declarations) if (ts.isIdentifier(d.name)) declared.set(d.name.text, (declared.get(d.name.text) ?? 0) + 1);
    }
    ts.forEachChild(n, countVars);
  };
  countVars(body);
  for (const st of body.statements) {
    if (!ts.isVariableStatement(st)) continue;
    const list = st.declarationList;
    if (list.flags & ts.NodeFlags.BlockScoped) continue;
    const ok = list.declarations.every((d) => {
      if (!ts.isIdentifier(d.name)) return false;
      const name = d.name.text;
      if (params.has(name) || declared.get(name) !== 1) return false;
      // Any use from the body's start to the end of this declaration (its own initializer included).
      let early = false;
      const end = d.getEnd();
      const find = (n: ts.Node): void => {
        if (early || n.getStart() >= end) return;
        if (ts.isIdentifier(n) && n.text === name && n !== d.name) early = true;
        ts.forEachChild(n, find);
      };
      find(body);
      return !early;
    });
    if (ok) out.add(list);
  }
  return out;
}
