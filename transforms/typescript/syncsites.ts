// Functions that must keep their sync form whatever they call, and call sites
// where an `await` cannot go, found on the finished call graph:
// - constructor functions (`new View()`, `View.prototype.x = ...`): `new` on an
//   async function throws;
// - React function components and render helpers (they return JSX): React
//   renders them synchronously; only Next.js server components may be async;
// - calls in a parameter's default value: `await` is a SyntaxError there;
// - calls inside an optional chain that continues after them
//   (`s.load?.(p).trim()`), and `.map()` in an optional chain
//   (`xs?.map(cb)`): an inserted await (or Promise.all) would lose the
//   short-circuit and throw where the original gave undefined.
import { ts } from 'ts-morph';
import type { FunctionInfo, GraphBuilder } from './analysis/graph.js';
import { declaresFastifyDone, isClientModule } from './frameworks.js';
import { keepConstructedOutsideNest } from './nest.js';
import { isFunctionLike, skipOuter, type FileInfo, type FunctionLike, type ProjectModel } from './analysis/model.js';

// Reasons name the function: the planner repeats them for the callees it pins.
const CONSTRUCTOR_FUNCTION = (name: string) => ({
  kind: 'constructor',
  reason: `\`${name}\` is a constructor function (called with \`new\` or given a prototype), and \`new\` on an async function throws`,
});
const REACT_COMPONENT = (name: string) => ({
  kind: 'react-component',
  reason: `\`${name}\` returns JSX, and React renders components and render helpers synchronously (only server components may be async)`,
});
const REACT_TAG = (tag: string) => (name: string) => ({
  kind: 'react-component',
  reason: `\`${name}\` is rendered as \`<${tag} />\`, and React renders components synchronously (only server components may be async)`,
});
export const PARAMETER_DEFAULT = 'parameter-default';
export const OPTIONAL_CHAIN = 'optional-chain';
export const OPTIONAL_CHAIN_MAP = 'optional-chain-map';

/** Marks constructor functions and React components as unable to become async. Call after every file is added to the graph. */
export function markSyncOnlyFunctions(builder: GraphBuilder, model: ProjectModel, files: FileInfo[], framework: string | undefined): void {
  const mark = (node: ts.Node | undefined, why: (name: string) => { kind: string; reason: string }): void => {
    const info = node && builder.functions.get(node);
    if (info && !info.module && !info.graph.cannotBeAsync) info.graph.cannotBeAsync = why(info.graph.name);
  };
  /** A function declaration or expression an expression names (arrows and methods cannot be constructed). */
  const constructible = (expr: ts.Expression): ts.Node | undefined => {
    const v = model.moduleExportValue(model.valueOf(skipOuter(expr)));
    return v?.kind === 'function' && (ts.isFunctionDeclaration(v.node) || ts.isFunctionExpression(v.node)) ? v.node : undefined;
  };
  /** Components may be async only as Next.js server components (App Router, not in a 'use client' module). */
  const mayBeServerComponent = (file: FileInfo): boolean => framework === 'next' && /(^|\/)app\//.test(file.path) && !isClientModule(file);

  const jsxFiles = new Set<FileInfo>();
  for (const file of files) {
    const text = file.text;
    const hasNew = text.includes('new ');
    const hasPrototype = text.includes('prototype') || text.includes('inherits');
    const hasJsx = file.sf.languageVariant === ts.LanguageVariant.JSX && text.includes('<');
    if (!hasNew && !hasPrototype && !hasJsx) continue;
    // The graph's walk kept every node of the kinds below, in document order.
    for (const node of builder.syntaxNodes(file)) {
      if (hasNew && ts.isNewExpression(node)) mark(constructible(node.expression), CONSTRUCTOR_FUNCTION);
      else if (hasPrototype && ts.isPropertyAccessExpression(node) && node.name.text === 'prototype') mark(constructible(node.expression), CONSTRUCTOR_FUNCTION);
      else if (hasPrototype && ts.isCallExpression(node) && isInheritsCall(node)) {
        for (const arg of node.arguments.slice(0, 2)) mark(constructible(arg), CONSTRUCTOR_FUNCTION);
      } else if (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ExtendsKeyword && ts.isClassLike(node.parent)) {
        for (const t of node.types) mark(constructible(t.expression), CONSTRUCTOR_FUNCTION);
      } else if (hasJsx && (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node))) {
        // `<Label />`: whatever `Label` returns, React calls it as a component.
        const tag = node.tagName;
        if ((ts.isIdentifier(tag) && /^[A-Z]/.test(tag.text)) || ts.isPropertyAccessExpression(tag)) {
          const v = model.moduleExportValue(model.valueOf(tag as ts.Expression));
          if (v?.kind === 'function' && !mayBeServerComponent(v.file)) mark(v.node, REACT_TAG(tag.getText()));
        }
      }
    }
    if (hasJsx && !mayBeServerComponent(file)) jsxFiles.add(file);
  }
  if (jsxFiles.size === 0) return;
  for (const info of builder.functions.values()) {
    if (jsxFiles.has(info.file) && !info.graph.cannotBeAsync && !info.module && returnsJsx(info.node)) mark(info.node, REACT_COMPONENT);
  }
}

/** `util.inherits(Child, Parent)` / `inherits(Child, Parent)`. */
function isInheritsCall(call: ts.CallExpression): boolean {
  const callee = skipOuter(call.expression);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name === 'inherits' && call.arguments.length >= 2;
}

/** Whether the function returns JSX (directly, in a conditional or logical operand, or an array of it from `.map`). */
export function returnsJsx(node: FunctionLike): boolean {
  const body = node.body;
  if (!body) return false;
  if (!ts.isBlock(body)) return isJsxValue(body);
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression && isJsxValue(n.expression)) {
      found = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(body, visit);
  return found;
}

function isJsxValue(expr: ts.Expression, depth = 0): boolean {
  if (depth > 20) return false;
  const e = skipOuter(expr);
  if (ts.isJsxElement(e) || ts.isJsxSelfClosingElement(e) || ts.isJsxFragment(e)) return true;
  if (ts.isConditionalExpression(e)) return isJsxValue(e.whenTrue, depth + 1) || isJsxValue(e.whenFalse, depth + 1);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
      return isJsxValue(e.left, depth + 1) || isJsxValue(e.right, depth + 1);
    }
    if (op === ts.SyntaxKind.CommaToken) return isJsxValue(e.right, depth + 1);
    return false;
  }
  // `items.map((item) => <li>{item}</li>)`
  if (ts.isCallExpression(e)) {
    const callee = skipOuter(e.expression);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'map' && e.arguments[0]) {
      const cb = skipOuter(e.arguments[0]);
      return (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && returnsJsx(cb);
    }
  }
  return false;
}

/** The parameter whose default value (or a default inside its destructuring pattern) holds the node, if any. */
export function enclosingParameterDefault(node: ts.Node): ts.ParameterDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent, child: ts.Node = node; n; child = n, n = n.parent) {
    if (ts.isParameter(n)) return child !== n.name || (ts.isObjectBindingPattern(n.name) || ts.isArrayBindingPattern(n.name)) ? n : undefined;
    if (isFunctionLike(n) || ts.isClassLike(n) || ts.isSourceFile(n)) return undefined;
  }
  return undefined;
}

/**
 * Whether `await` put around this optional-chain part would cut the chain:
 * the chain goes on after it with a plain `.x`, `[i]` or `(...)`, which the
 * original skipped when an earlier `?.` short-circuited.
 */
export function cutsOptionalChain(node: ts.Node): boolean {
  if (!ts.isOptionalChain(node)) return false;
  let n: ts.Node = node;
  for (;;) {
    const p = n.parent;
    if (!p || !ts.isOptionalChain(p) || p.expression !== n) return false;
    if (ts.isNonNullExpression(p)) {
      n = p;
      continue;
    }
    return !p.questionDotToken;
  }
}

/**
 * Turns 'await' edges whose site cannot take an `await` into 'stop' edges:
 * the callee keeps its sync form there (the planner pins it, or gives it a
 * twin under `--api twin`) and the site is reported. Call after every edge is
 * added, before planning.
 */
export function stopUnawaitableSites(builder: GraphBuilder): void {
  keepConstructedOutsideNest(builder);
  for (const [edge, site] of builder.sites) {
    if (edge.mode !== 'await') continue;
    let stop: { kind: string; reason: string } | undefined;
    if (site.kind === 'call' || site.kind === 'map' || site.kind === 'foreach' || site.kind === 'flow') {
      if (enclosingParameterDefault(site.call)) {
        stop = { kind: PARAMETER_DEFAULT, reason: 'the call is in a parameter\'s default value, where `await` is not allowed' };
      } else if (site.kind === 'map' && ts.isOptionalChain(site.call)) {
        stop = { kind: OPTIONAL_CHAIN_MAP, reason: 'the `.map()` is part of an optional chain (`?.`): `Promise.all` of the chain would reject where the chain short-circuits to undefined' };
      } else if (site.kind === 'foreach' && ts.isOptionalChain(site.call)) {
        stop = { kind: 'foreach-callback', reason: 'the `.forEach()` is part of an optional chain (`?.`), which a `for...of` loop would not short-circuit' };
      } else if ((site.kind === 'call' || site.kind === 'flow') && cutsOptionalChain(site.call)) {
        stop = { kind: OPTIONAL_CHAIN, reason: 'the call is inside an optional chain that continues after it: `(await ...)` would cut the chain and throw where the original short-circuited to undefined' };
      } else if (site.kind === 'call' && declaresFastifyDone(builder.byId.get(edge.to)?.node)) {
        // Its async form drops `done`, so a direct caller's callback would never run.
        stop = { kind: 'fastify-done-hook', reason: 'it is also a Fastify hook whose `done` parameter goes when it becomes async, and this call passes it a callback that would then never run' };
      }
    }
    if (!stop) continue;
    edge.mode = 'stop';
    edge.stopKind = stop.kind;
    edge.stopReason = stop.reason;
  }
}

/** Why a blocking call cannot be rewritten in place with an `await`, if it cannot. */
export function unawaitableBlockingCall(call: ts.CallExpression, fn: FunctionInfo): string | undefined {
  if (fn.module) return undefined;
  const param = enclosingParameterDefault(call);
  if (param && param.parent === fn.node) {
    return "Blocking call left as it is: it is in a parameter's default value, where `await` is not allowed. Move the default into the function body (`if (x === undefined) x = ...`) so it can be awaited there.";
  }
  if (cutsOptionalChain(call)) {
    return 'Blocking call left as it is: it is inside an optional chain that continues after it, and `(await ...)` would cut the chain. Split the chain by hand.';
  }
  return undefined;
}
