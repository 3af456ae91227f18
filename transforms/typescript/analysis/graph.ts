// The JS/TS call graph: every function-like is a node, every call site that
// reaches a project function is an edge, and functions handed to other code
// (route registration, test runners, timers, array methods, listeners) are
// edges whose mode says whether the receiver can take an async function.
import { ts } from 'ts-morph';
import type { CallGraph, GraphEdge, GraphFunction } from '../../core/plan.js';
import { analyzeForEach, type ForEachPlan } from '../foreach.js';
import {
  FASTIFY_APP_HOOKS,
  FASTIFY_REQUEST_HOOKS,
  FASTIFY_ROUTE_METHODS,
  FASTIFY_SYNC_HOOKS,
  KOA_ROUTER_METHODS,
  declaredEntries,
  fastifyDonePlan,
  isConnectApp,
  isClientModule,
  isFastifyValue,
  isKoaApp,
  isKoaRouter,
  isModuleExport,
  isNestManagedClass,
  markFastifyHook,
  reachesForRoutes,
  type FrameworkName,
} from '../frameworks.js';
import { analyzeNestConstructor, type NestInitPlan } from '../nest.js';
import type { ModuleScope } from '../toplevel.js';
import { PREDICATE_METHODS, analyzePredicate, type PredicatePlan } from '../predicate.js';
import { baseClassExpression, calledChoice, chosenFunction, chosenOperands, identifiersNamed, isFunctionLike, isSyntaxNode, propertyNameText, runtimeParameters, skipOuter, type FileInfo, type FunctionLike, type ProjectModel, type Value } from './model.js';
import { isAwaited } from '../blocking/rewrite.js';
import { curriedCall, flowInvocation, flowSteps, invokedFlow, isCurry, unfollowedCurriedUse, type FlowStep } from './lodash.js';

// Read once: the members of `ts` are getters, slow to touch at every node of the project.
const KIND_CALL = ts.SyntaxKind.CallExpression;
const KIND_NEW = ts.SyntaxKind.NewExpression;
const KIND_PROPERTY_ACCESS = ts.SyntaxKind.PropertyAccessExpression;
const KIND_STATIC_BLOCK = ts.SyntaxKind.ClassStaticBlockDeclaration;
const KIND_CLASS_DECLARATION = ts.SyntaxKind.ClassDeclaration;
const KIND_CLASS_EXPRESSION = ts.SyntaxKind.ClassExpression;
const KIND_SOURCE_FILE = ts.SyntaxKind.SourceFile;
const { forEachChild, isArrayLiteralExpression, isArrowFunction, isAwaitExpression, isBinaryExpression, isBlock, isCallExpression, isClassLike, isClassStaticBlockDeclaration, isConstructorDeclaration, isElementAccessExpression, isExportAssignment, isFunctionDeclaration, isFunctionExpression, isGetAccessor, isIdentifier, isMethodDeclaration, isObjectLiteralExpression, isParameter, isParenthesizedExpression, isPropertyAccessExpression, isPropertyAssignment, isPropertyDeclaration, isRegularExpressionLiteral, isReturnStatement, isSetAccessor, isShorthandPropertyAssignment, isSpreadAssignment, isSpreadElement, isStringLiteralLike, isTaggedTemplateExpression, isTypePredicateNode, isVariableDeclaration } = ts;

export interface FunctionInfo {
  id: string;
  node: FunctionLike;
  file: FileInfo;
  graph: GraphFunction;
  /** How the function was registered as a handler, when it is one. */
  registration?: { framework: FrameworkName; method: string };
  /** Set on the pseudo-function standing for a module's top level where it may await. */
  module?: ModuleScope;
}

export type SiteInfo =
  | { kind: 'call'; call: ts.CallExpression; file: FileInfo }
  | { kind: 'new'; call: ts.NewExpression; file: FileInfo }
  | { kind: 'foreach'; call: ts.CallExpression; file: FileInfo; plan: ForEachPlan }
  /** `xs.map(cb)`, or `xs.flatMap(cb)` (`flat`: written as `(await Promise.all(xs.map(cb))).flat()`). */
  | { kind: 'map'; call: ts.CallExpression; file: FileInfo; concurrent: boolean; flat?: boolean }
  /** `xs.filter(cb)` and the like, restructured so the callbacks are awaited first (predicate.ts). */
  | { kind: 'predicate'; call: ts.CallExpression; file: FileInfo; plan: PredicatePlan }
  | { kind: 'callback'; call: ts.CallExpression | ts.NewExpression; file: FileInfo }
  /** A step of `flow(f, g)(x)` (lodash.ts): the call is the outer one, written out as nested calls when a step is async. */
  | { kind: 'flow'; call: ts.CallExpression; file: FileInfo; steps: FlowStep[] }
  | { kind: 'accessor'; node: ts.PropertyAccessExpression; file: FileInfo }
  /** An override and its base (or two implementations of one interface method): they change together. */
  | { kind: 'hierarchy'; node: ts.MethodDeclaration; file: FileInfo }
  /** A call awaitify cannot resolve that may reach the function, or a place its reference escapes to (escapes.ts). */
  | { kind: 'escape'; node: ts.Node; file: FileInfo };

interface UnresolvedCall {
  call: ts.CallExpression;
  name: ts.Identifier | ts.PrivateIdentifier;
  from: FunctionInfo | null;
  file: FileInfo;
}

const EXPRESS_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head', 'param']);
const EXPRESS_TYPES = new Set(['Express', 'Application', 'Router', 'IRouter']);
const TEST_MODULES = new Set(['test', 'vitest', '@jest/globals', 'mocha', 'bun:test', 'ava', 'tap']);
const TEST_CALLBACKS = new Set(['it', 'test', 'specify', 'before', 'after', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll', 'setup', 'teardown', 'suiteSetup', 'suiteTeardown']);
const TEST_SUITES = new Set(['describe', 'suite', 'context']);
const TIMERS = new Set(['setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask']);
const SYNC_ARRAY_CALLBACKS = new Set([
  'filter',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'reduce',
  'reduceRight',
  'flatMap',
  'sort',
  'toSorted',
]);
const PROMISE_COMBINATORS = new Set(['all', 'allSettled', 'any', 'race']);
const HTTP_MODULES = new Set(['http', 'https', 'http2']);
/** Packages that take a GraphQL resolver map (`{ resolvers }`) and run its resolvers through graphql-js. */
const GRAPHQL_SCHEMA_MODULES = /^(@graphql-tools\/schema|graphql-tools|@apollo\/server|apollo-server(-[a-z]+)?|graphql-yoga)$/;

/** The property names of an object literal (assignments, shorthands, methods). */
function memberNames(obj: ts.ObjectLiteralExpression): string[] {
  const out: string[] = [];
  for (const p of obj.properties) {
    const name = isSpreadAssignment(p) ? undefined : propertyNameText(p.name);
    if (name !== undefined) out.push(name);
  }
  return out;
}

export class GraphBuilder {
  readonly functions = new Map<ts.Node, FunctionInfo>();
  /** The same functions by file, in registration order: addFile reads its own file's without scanning every function. */
  private readonly functionsByFile = new Map<FileInfo, FunctionInfo[]>();
  readonly byId = new Map<string, FunctionInfo>();
  readonly edges: GraphEdge[] = [];
  readonly sites = new Map<GraphEdge, SiteInfo>();
  readonly unresolved: UnresolvedCall[] = [];
  /** Interface and abstract method signatures → the methods implementing them (filled by linkClassHierarchies). */
  readonly implementationsOf = new Map<ts.Node, FunctionInfo[]>();
  /** Edges handing a test body or hook to a test runner (`it`, `beforeEach`, ...), with the call. */
  readonly testEdges = new Map<GraphEdge, ts.CallExpression>();
  /** Edges handing a verify callback to a passport strategy (`new LocalStrategy((username, password, done) => ...)`), with the `new`. */
  readonly verifyEdges = new Map<GraphEdge, ts.NewExpression>();
  /** Edges handing a callback to `setInterval`. */
  readonly intervalEdges = new Set<GraphEdge>();
  /** Call nodes already turned into an edge, so the checker fallback never doubles one. */
  private readonly resolvedCalls = new Set<ts.Node>();

  /** `framework`: the project's web framework (detected or `--framework`), for conventions a call cannot show. */
  constructor(
    private readonly model: ProjectModel,
    private readonly framework?: string,
  ) {}

  graph(): CallGraph {
    return { functions: [...this.byId.values()].map((f) => f.graph), edges: this.edges };
  }

  fn(node: FunctionLike, file: FileInfo): FunctionInfo {
    let info = this.functions.get(node);
    if (info) return info;
    const sf = file.sf;
    const start = node.getStart(sf);
    const id = `${file.path}:${start}`;
    const begins = sf.getLineAndCharacterOfPosition(start);
    const ends = sf.getLineAndCharacterOfPosition(node.getEnd());
    const graph: GraphFunction = {
      id,
      path: file.path,
      name: functionName(node),
      line: begins.line + 1,
      column: begins.character + 1,
      endLine: ends.line + 1,
      endColumn: ends.character + 1,
      alreadyAsync: (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword),
      seeds: 0,
    };
    const cannot = cannotBeAsync(node);
    if (cannot) graph.cannotBeAsync = cannot;
    info = { id, node, file, graph };
    this.functions.set(node, info);
    const ofFile = this.functionsByFile.get(file);
    if (ofFile) ofFile.push(info);
    else this.functionsByFile.set(file, [info]);
    this.byId.set(id, info);
    return info;
  }

  /** The function-like that directly encloses a node (not crossing into class field initialisers' owner). */
  enclosing(node: ts.Node): FunctionInfo | null {
    let inClass = false;
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if (isFunctionLike(n) && n.body) return this.fn(n, this.model.fileOf(n)!);
      const init = this.movedToInit.size ? this.movedToInit.get(n) : undefined;
      if (init) return init;
      const kind = n.kind;
      if (kind === KIND_STATIC_BLOCK) return null;
      if (kind === KIND_CLASS_DECLARATION || kind === KIND_CLASS_EXPRESSION) inClass = true;
      // Top-level code (not a class field initialiser) of a module whose top level may await.
      if (kind === KIND_SOURCE_FILE && !inClass) {
        const file = this.model.fileOf(n);
        return (file && this.modules.get(file)) ?? null;
      }
    }
    return null;
  }

  private readonly modules = new Map<FileInfo, FunctionInfo>();

  /** Gives a module's top level a pseudo-function that can await (top-level await, or an async IIFE to be added). Call before addFile. */
  enableModuleScope(file: FileInfo, scope: ModuleScope): void {
    const id = `${file.path}:<module>`;
    const info: FunctionInfo = {
      id,
      // The source file stands in for the body; the pseudo-function is never edited as a function.
      node: file.sf as unknown as FunctionLike,
      file,
      graph: { id, path: file.path, name: '<module>', line: 1, alreadyAsync: true, seeds: 0 },
      module: scope,
    };
    this.modules.set(file, info);
    this.byId.set(id, info);
  }

  moduleScopeOf(id: string | null): FunctionInfo | undefined {
    const info = id === null ? undefined : this.byId.get(id);
    return info?.module ? info : undefined;
  }

  /** Names of getters and setters anywhere in the project: property reads of these names may run code. */
  private readonly accessorNames = new Set<string>();

  /** Call before addFile: collects accessor names, so `obj.size` can be linked to `get size()`. */
  collectAccessors(files: FileInfo[]): void {
    for (const file of files) {
      if (!/\b[gs]et\s+[\w$#]/.test(file.text)) continue;
      for (const node of this.model.syntaxNodes(file)) {
        if ((isGetAccessor(node) || isSetAccessor(node)) && node.body) {
          const name = propertyNameText(node.name);
          if (name) this.accessorNames.add(name);
        }
      }
    }
  }

  /** NestJS constructor tails that move into `onModuleInit` (nest.ts), by the pseudo-function standing for that method. */
  readonly nestInits = new Map<string, NestInitPlan>();
  private readonly movedToInit = new Map<ts.Node, FunctionInfo>();
  private readonly nestStays = new Map<ts.Node, string>();

  /**
   * A Nest provider's constructor tail that can move into `async
   * onModuleInit()` gets a pseudo-function (an entry, already async, since the
   * method will be written async): calls in the tail are its calls.
   */
  private addNestInits(file: FileInfo): void {
    if (this.framework !== 'nestjs' && !file.text.includes('@nestjs/common')) return;
    const visit = (n: ts.Node): void => {
      if (isClassLike(n) && isNestManagedClass(n, this.model)) {
        const ctor = n.members.find((m): m is ts.ConstructorDeclaration => isConstructorDeclaration(m) && Boolean(m.body));
        const analysis = ctor && analyzeNestConstructor(n, ctor, file, this.model);
        if (ctor && analysis?.stays) this.nestStays.set(ctor, analysis.stays);
        if (ctor && analysis?.plan) {
          const first = analysis.plan.tail[0]!;
          const start = first.getStart(file.sf);
          const id = `${file.path}:${start}:onModuleInit`;
          const name = `${n.name?.text ?? '<class>'}.onModuleInit`;
          const line = file.sf.getLineAndCharacterOfPosition(start).line + 1;
          const info: FunctionInfo = { id, node: ctor, file, graph: { id, path: file.path, name, line, alreadyAsync: true, seeds: 0, entry: 'nestjs' }, registration: { framework: 'nestjs', method: 'onModuleInit' } };
          this.byId.set(id, info);
          this.nestInits.set(id, analysis.plan);
          for (const st of analysis.plan.tail) this.movedToInit.set(st, info);
        }
      }
      forEachChild(n, visit);
    };
    visit(file.sf);
  }

  /** A file's nodes of the kinds later passes handle, in document order (ProjectModel.syntaxNodes). */
  syntaxNodes(file: FileInfo): readonly ts.Node[] {
    return this.model.syntaxNodes(file);
  }

  addFile(file: FileInfo): void {
    this.addNestInits(file);
    const known = this.model.graphNodes(file);
    if (known && !this.readsAccessor(file)) {
      // The nodes an earlier walk of this same file met and acted on, in the same order: the same calls of onCall, onNew and fn.
      for (const node of known) {
        const kind = node.kind;
        if (kind === KIND_CALL) this.onCall(node as ts.CallExpression, file);
        else if (kind === KIND_NEW) this.onNew(node as ts.NewExpression, file);
        else this.fn(node as FunctionLike, file);
      }
    } else {
      // This walk records the file's syntaxNodes, unless a pass already asked for them, and, in a model kept between
      // runs (a language server's), the nodes it acts on.
      const kept: ts.Node[] | undefined = this.model.hasSyntaxNodes(file) ? undefined : [];
      const acted: ts.Node[] | undefined = known || !this.model.tracking ? undefined : [];
      const visit = (node: ts.Node): void => {
        if (kept && isSyntaxNode(node)) kept.push(node);
        const kind = node.kind;
        if (isFunctionLike(node) && node.body) {
          acted?.push(node);
          this.fn(node, file);
        } else if (kind === KIND_CALL) {
          acted?.push(node);
          this.onCall(node as ts.CallExpression, file);
        } else if (kind === KIND_NEW) {
          acted?.push(node);
          this.onNew(node as ts.NewExpression, file);
        } else if (kind === KIND_PROPERTY_ACCESS && this.accessorNames.has((node as ts.PropertyAccessExpression).name.text)) this.onPropertyAccess(node as ts.PropertyAccessExpression, file);
        forEachChild(node, visit);
      };
      visit(file.sf);
      if (kept) this.model.recordSyntaxNodes(file, kept);
      if (acted) this.model.recordGraphNodes(file, acted);
    }
    for (const entry of declaredEntries(file, this.model, this.framework)) {
      const t = this.fn(entry.node, file);
      t.graph.entry = entry.framework;
      t.registration = { framework: entry.framework, method: entry.method };
      if (isAnonymous(t.node) || t.graph.name === 'default') t.graph.name = entry.label;
    }
    const client = isClientModule(file);
    for (const info of this.functionsByFile.get(file) ?? []) {
      if (client) {
        info.graph.cannotBeAsync = { kind: 'client-component', reason: "it is in a 'use client' module, whose components render synchronously in the browser" };
      } else if (isConstructorDeclaration(info.node) && isNestManagedClass(info.node.parent, this.model)) {
        const stays = this.nestStays.get(info.node);
        info.graph.cannotBeAsync = { kind: 'nest-constructor', reason: `a NestJS provider is constructed synchronously by the injector${stays ? `; ${stays}` : ''}` };
      }
    }
  }

  /** Whether the file has a property access named like one of the project's accessors (which the walk links to it): such a file is walked again. */
  private readsAccessor(file: FileInfo): boolean {
    for (const name of this.accessorNames) {
      // `this.#size`: a private name is no identifier of the index; the text tells whether the file may read it.
      if (name.startsWith('#')) {
        if (file.text.includes(name)) return true;
        continue;
      }
      for (const id of identifiersNamed(file.sf, name)) {
        const p = id.parent;
        if (p && isPropertyAccessExpression(p) && p.name === id) return true;
      }
    }
    return false;
  }

  /** `obj.size` reading a getter, `obj.value = x` running a setter: edges for reachability (accessors never become async). */
  private onPropertyAccess(node: ts.PropertyAccessExpression, file: FileInfo): void {
    const parent = node.parent;
    if (isCallExpression(parent) && parent.expression === node) return;
    const isWrite = isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && parent.operatorToken.kind <= ts.SyntaxKind.LastAssignment;
    const isPlainWrite = isWrite && (parent as ts.BinaryExpression).operatorToken.kind === ts.SyntaxKind.EqualsToken;
    const receiver = node.expression.kind === ts.SyntaxKind.SuperKeyword ? undefined : this.model.valueOf(node.expression);
    if (!receiver || (receiver.kind !== 'instance' && receiver.kind !== 'class')) return;
    const isStatic = receiver.kind === 'class';
    const want: ts.SyntaxKind[] = isPlainWrite ? [ts.SyntaxKind.SetAccessor] : isWrite ? [ts.SyntaxKind.GetAccessor, ts.SyntaxKind.SetAccessor] : [ts.SyntaxKind.GetAccessor];
    for (let cls: ts.ClassLikeDeclaration | undefined = receiver.node, depth = 0; cls && depth < 10; depth++) {
      const found = cls.members.filter(
        (m): m is ts.GetAccessorDeclaration | ts.SetAccessorDeclaration =>
          want.includes(m.kind) && Boolean((m as ts.AccessorDeclaration).body) && propertyNameText(m.name) === node.name.text && (ts.getModifiers(m as ts.AccessorDeclaration) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword) === isStatic,
      );
      if (found.length) {
        const from = this.enclosing(node);
        for (const accessor of found) this.addEdge(from, this.fn(accessor, this.model.fileOf(accessor)!), 'await', node, { kind: 'accessor', node, file });
        return;
      }
      const base = baseClassExpression(cls);
      const b = base && this.model.valueOf(base);
      cls = b?.kind === 'class' ? b.node : undefined;
    }
  }

  private site(call: ts.Node, file: FileInfo) {
    const pos = file.sf.getLineAndCharacterOfPosition(call.getStart(file.sf));
    return { path: file.path, line: pos.line + 1, column: pos.character + 1 };
  }

  /** Links two methods that must become async together (an override and its base, implementations of one interface method). */
  linkHierarchy(a: FunctionInfo, b: FunctionInfo): void {
    if (a === b) return;
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      this.addEdge(from, to, 'await', from.node, { kind: 'hierarchy', node: from.node as ts.MethodDeclaration, file: from.file });
    }
  }

  /** A 'stop' edge from a site where the function may be called without awaitify seeing it (escapes.ts). */
  addEscapeStop(from: FunctionInfo | null, to: FunctionInfo, at: ts.Node, file: FileInfo, kind: string, reason: string): void {
    this.addEdge(from, to, 'stop', at, { kind: 'escape', node: at, file }, { kind, reason });
  }

  private addEdge(from: FunctionInfo | null, to: FunctionInfo, mode: GraphEdge['mode'], at: ts.Node, info: SiteInfo, stop?: { kind: string; reason: string }): void {
    const edge: GraphEdge = { from: from?.id ?? null, to: to.id, site: this.site(at, info.file), mode };
    if (stop) {
      edge.stopKind = stop.kind;
      edge.stopReason = stop.reason;
    }
    this.edges.push(edge);
    this.sites.set(edge, info);
  }

  private onNew(call: ts.NewExpression, file: FileInfo): void {
    const from = this.enclosing(call);
    const callee = this.model.moduleExportValue(this.model.valueOf(call.expression));
    if (callee?.kind === 'class') {
      const ctor = constructorOf(callee.node, this.model);
      if (ctor) this.addEdge(from, this.fn(ctor.node, ctor.file), 'await', call, { kind: 'new', call, file });
    } else if (callee?.kind === 'function' && (isFunctionDeclaration(callee.node) || isFunctionExpression(callee.node))) {
      // A constructor function (syncsites.ts keeps it sync): the edge makes its blocking calls reachable.
      this.addEdge(from, this.fn(callee.node, callee.file), 'await', call, { kind: 'new', call, file });
    }
    const args = call.arguments ?? [];
    if (args.length === 0) return;
    if (this.onGraphqlResolvers(call, file, from)) return;
    const isPromise = isIdentifier(call.expression) && call.expression.text === 'Promise' && !this.model.lookup('Promise', call);
    const strategy = this.model.valueOf(call.expression);
    const isPassport = strategy?.kind === 'external' && /^passport(-|$)/.test(strategy.module);
    for (const arg of args) {
      const target = this.functionArgument(arg);
      if (!target) continue;
      // A passport strategy calls its verify callback (the last argument, `done` last) on each login and ignores
      // what it returns: the callback runs on the request path, and its body may move into an async IIFE
      // ending in `.catch(done)` (rules/test-done-callback.ts).
      const last = target.node.parameters.at(-1);
      if (isPassport && arg === args[args.length - 1] && target.node.parameters.length >= 2 && last && isIdentifier(last.name) && !last.dotDotDotToken) {
        target.graph.entry = 'passport';
        if (isAnonymous(target.node)) target.graph.name = `verify callback of new ${shortText(call.expression, file)}(...)`;
        const first = this.edges.length;
        this.addEdge(from, target, 'detached', arg, { kind: 'callback', call, file });
        for (const e of this.edges.slice(first)) this.verifyEdges.set(e, call);
        continue;
      }
      const stop = isPromise
        ? { kind: 'promise-executor', reason: 'a Promise executor runs synchronously and an async executor loses its errors; await the value before `new Promise` or inside `.then`' }
        : { kind: 'unknown-callback', reason: `it is passed to \`new ${shortText(call.expression, file)}(...)\`, which awaitify cannot see await it` };
      this.addEdge(from, target, 'stop', arg, { kind: 'callback', call, file }, stop);
    }
  }

  private onCall(call: ts.CallExpression, file: FileInfo): void {
    const from = this.enclosing(call);
    const callee = skipOuter(call.expression);

    // Callbacks first: they decide entries and how handed-over functions may change.
    if (call.arguments.length) this.onCallbacks(call, file, from);

    if (callee.kind === ts.SyntaxKind.SuperKeyword || callee.kind === ts.SyntaxKind.ImportKeyword) return;
    // `save(user, 3)` or `save(user)(3)` with `save = curry(fn)`: a call of fn once every parameter is supplied.
    const curried = curriedCall(this.model, call);
    if (curried) {
      this.resolvedCalls.add(call);
      if (curried.applied >= curried.arity) this.addEdge(from, this.fn(curried.fn.node, curried.fn.file), this.callMode(call), call, { kind: 'call', call, file });
      return;
    }
    // `flow(f, g)(x)`: the steps are called here (the edges come from onCallbacks on the inner call).
    if (invokedFlow(this.model, call)) return;
    let target = this.resolveCallee(callee);
    if (!target && isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply')) {
      target = this.model.functionOf(this.model.valueOf(callee.expression));
    }
    if (!target && this.onChosenCallee(call, callee, file, from)) return;
    if (target) {
      this.resolvedCalls.add(call);
      // Calling a generator returns an iterator, never a promise to await.
      const isGenerator = (isFunctionDeclaration(target.node) || isFunctionExpression(target.node) || isMethodDeclaration(target.node)) && Boolean(target.node.asteriskToken);
      // `await f()` at module top level (an ES module that already awaits there): the
      // caller already waits for whatever f returns, so f may become async under it.
      const mode = isGenerator || (from === null && isAwaited(call)) ? 'detached' : this.callMode(call);
      this.addEdge(from, this.fn(target.node, target.file), mode, call, { kind: 'call', call, file });
      return;
    }
    // Only what the syntax could not see through goes to the type checker: a
    // receiver of unknown value (a typed parameter, `this.repo`), or a binding
    // that did not resolve (a path alias). A known receiver without the member,
    // or a global, is not a project function either way.
    if (isPropertyAccessExpression(callee)) {
      const receiver = callee.expression.kind === ts.SyntaxKind.SuperKeyword ? undefined : this.model.valueOf(callee.expression);
      const opaque = receiver && (receiver.kind === 'external' || receiver.kind === 'result' || receiver.kind === 'typed' || receiver.kind === 'module');
      if (!opaque) this.unresolved.push({ call, name: callee.name, from, file });
    } else if (isIdentifier(callee)) {
      if (this.model.lookup(callee.text, callee)) this.unresolved.push({ call, name: callee, from, file });
    }
  }

  /**
   * `resolve(x)` with `const resolve = c ? f : fs.realpathSync` (every use a
   * call), or `(c ? f : g)(x)`: a call of each project function it may hold
   * (`c ? f.bind(null, dir) : g` holds f).
   * Awaiting it is harmless when the value chosen is not a promise.
   */
  private onChosenCallee(call: ts.CallExpression, callee: ts.Expression, file: FileInfo, from: FunctionInfo | null): boolean {
    const choice = calledChoice(callee, this.model);
    if (!choice) return false;
    let any = false;
    for (const op of chosenOperands(choice) ?? []) {
      const target = chosenFunction(op, this.model);
      if (!target) continue;
      any = true;
      this.addEdge(from, this.fn(target.node, target.file), this.callMode(call), call, { kind: 'call', call, file });
    }
    if (any) this.resolvedCalls.add(call);
    return any;
  }

  /** 'detached' where the call's promise is consumed by promise code already (`f().then`, `Promise.all([f()])`). */
  private callMode(call: ts.CallExpression): GraphEdge['mode'] {
    let n: ts.Node = call;
    while (n.parent && isParenthesizedExpression(n.parent)) n = n.parent;
    const parent = n.parent;
    if (parent && isPropertyAccessExpression(parent) && parent.expression === n && ['then', 'catch', 'finally'].includes(parent.name.text)) return 'detached';
    if (parent && isArrayLiteralExpression(parent) && parent.parent && isCallExpression(parent.parent) && isPromiseCombinator(parent.parent, this.model)) return 'detached';
    if (parent && isCallExpression(parent) && parent.arguments.includes(n as ts.Expression) && isPromiseStatic(parent, this.model, new Set(['resolve']))) return 'detached';
    return 'await';
  }

  private resolveCallee(callee: ts.Expression): Extract<Value, { kind: 'function' }> | undefined {
    if (isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.SuperKeyword) {
      const cls = enclosingClass(callee);
      const base = cls && baseClassExpression(cls);
      const b = base && this.model.valueOf(base);
      if (b?.kind !== 'class') return undefined;
      const isStatic = isInStaticMember(callee);
      const v = this.model.classMember(b.node, callee.name.text, isStatic);
      return v?.kind === 'function' ? v : undefined;
    }
    return this.model.functionOf(this.model.valueOf(callee));
  }

  /** The project function an argument is (inline or by reference), when it is exactly one. */
  private functionArgument(arg: ts.Expression): FunctionInfo | undefined {
    const fns = this.functionArguments(arg);
    return fns.length === 1 ? fns[0] : undefined;
  }

  /**
   * The project functions an argument may be: the function itself, or what a
   * factory call returns (`app.use(entryPoint(handler, file))` hands over
   * whichever of its returned functions the factory picks).
   */
  private functionArguments(arg: ts.Expression, depth = 0, viaParameters = false): FunctionInfo[] {
    const inner = skipOuter(arg);
    if (isArrowFunction(inner) || isFunctionExpression(inner)) return [this.fn(inner, this.model.fileOf(inner)!)];
    if (isIdentifier(inner) || isPropertyAccessExpression(inner)) {
      const v = this.model.valueOf(inner);
      // `const show = require('./show'); app.get('/x', show)`: a module whose whole export is a function stands for it.
      const fnv = this.model.functionOf(v);
      if (fnv) return [this.fn(fnv.node, fnv.file)];
      // `const start = (handler) => connect().use('/', handler)`, called as `start(createHandler(flags))`:
      // the functions every call of `start` passes there.
      // Only for a registration's arguments: resolving a parameter scans the project for its calls.
      if (!v && viaParameters && isIdentifier(inner) && depth < 2) {
        const decl = this.model.lookup(inner.text, inner);
        if (decl && isParameter(decl)) return this.parameterFunctions(decl, depth);
      }
      // `const mw = throttle({ ... }); app.use(mw)`: the function the factory returns.
      const factory = v?.kind === 'result' ? this.model.functionOf(v.of) : undefined;
      if (factory) return this.returnedFunctions(factory.node);
    }
    if (isCallExpression(inner)) {
      // `app.use(require('./audit'))`: the module's whole export, when it is a function.
      const required = this.model.valueOf(inner);
      if (required?.kind === 'module') {
        const fnv = this.model.functionOf(required);
        return fnv ? [this.fn(fnv.node, fnv.file)] : [];
      }
      const callee = skipOuter(inner.expression);
      // `emitter.on('x', this.onX.bind(this))`: the bound function is the one handed over.
      if (isPropertyAccessExpression(callee) && callee.name.text === 'bind') {
        const bound = this.model.functionOf(this.model.valueOf(callee.expression));
        return bound ? [this.fn(bound.node, bound.file)] : [];
      }
      // `app.use(throttle({ ... }))`: what is handed over is the function the factory returns.
      const factory = this.model.functionOf(this.model.valueOf(inner.expression));
      if (factory) return this.returnedFunctions(factory.node);
    }
    return [];
  }

  private readonly callSitesCache = new Map<FunctionLike, ts.CallExpression[]>();

  /**
   * The project functions a parameter receives: at every call of its function
   * in the project, a project function (or a factory's returned one). Nothing
   * when a call passes something else there or the function escapes uncalled.
   */
  private parameterFunctions(param: ts.ParameterDeclaration, depth: number): FunctionInfo[] {
    const owner = param.parent;
    if (!isFunctionLike(owner) || param.dotDotDotToken || !isIdentifier(param.name)) return [];
    const index = runtimeParameters(owner).indexOf(param);
    const found = new Set<FunctionInfo>();
    for (const call of this.callSitesOf(owner)) {
      const a = call.arguments[index];
      const fns = a && !isSpreadElement(a) ? this.functionArguments(a, depth + 1, true) : [];
      if (!fns.length) return [];
      for (const f of fns) found.add(f);
    }
    return [...found];
  }

  /** The calls of a function in the project that the model resolves to it. */
  private callSitesOf(owner: FunctionLike): ts.CallExpression[] {
    let sites = this.callSitesCache.get(owner);
    if (sites) return sites;
    const found: ts.CallExpression[] = [];
    const name = functionName(owner);
    for (const file of this.model.files) {
      if (name && !file.text.includes(name)) continue;
      for (const n of this.model.syntaxNodes(file)) {
        if (isCallExpression(n) && this.model.functionOf(this.model.valueOf(n.expression))?.node === owner) found.push(n);
      }
    }
    this.callSitesCache.set(owner, (sites = found));
    return sites;
  }

  /**
   * What every call of its function passes to an untyped parameter
   * (`static router(server) { server.get(...) }` called as `Uploader.router(app)`);
   * empty when one of them passes something the model does not know, or there is no call.
   */
  private parameterValues(param: ts.ParameterDeclaration): Value[] {
    const owner = param.parent;
    if (!isFunctionLike(owner) || param.dotDotDotToken || !isIdentifier(param.name)) return [];
    const index = runtimeParameters(owner).indexOf(param);
    const out: Value[] = [];
    for (const call of this.callSitesOf(owner)) {
      const a = call.arguments[index];
      const v = a && !isSpreadElement(a) ? this.model.valueOf(a) : undefined;
      if (!v) return [];
      out.push(v);
    }
    return out;
  }

  /** The project functions a factory returns, when every `return` gives a project function. */
  private returnedFunctions(node: FunctionLike, depth = 0): FunctionInfo[] {
    const body = node.body;
    if (!body) return [];
    const returned: ts.Expression[] = [];
    if (!isBlock(body)) returned.push(body);
    else {
      const visit = (n: ts.Node): void => {
        if (isFunctionLike(n) || isFunctionDeclaration(n) || isClassLike(n)) return;
        if (isReturnStatement(n) && n.expression) returned.push(n.expression);
        forEachChild(n, visit);
      };
      forEachChild(body, visit);
    }
    const found = new Set<FunctionInfo>();
    for (const expr of returned) {
      const v = this.model.valueOf(expr);
      if (v?.kind === 'function') {
        found.add(this.fn(v.node, v.file));
        continue;
      }
      // `const setup = (opts) => serve(root, opts)`: what the factory it calls returns (escapes.ts
      // follows such a returned result to where the outer factory's calls hand it over).
      const inner = v?.kind === 'result' && depth < 3 ? this.model.functionOf(v.of) : undefined;
      const fns = inner && inner.node !== node ? this.returnedFunctions(inner.node, depth + 1) : [];
      if (!fns.length) return [];
      for (const f of fns) found.add(f);
    }
    return [...found];
  }

  private onCallbacks(call: ts.CallExpression, file: FileInfo, from: FunctionInfo | null): void {
    const targets: [number, ts.Expression, FunctionInfo][] = [];
    const registers = call.arguments.some((a) => isIdentifier(a)) && Boolean(this.handlerRegistration(call));
    call.arguments.forEach((arg, i) => {
      if (isSpreadElement(arg)) return;
      const fns = this.functionArguments(arg, 0, registers);
      for (const t of fns) targets.push([i, arg, t]);
      if (fns.length === 0 && isArrayLiteralExpression(arg)) {
        // `app.get('/x', [auth, handler])`
        for (const el of arg.elements) {
          for (const te of isSpreadElement(el) ? [] : this.functionArguments(el)) targets.push([i, el, te]);
        }
      }
    });
    const callee = skipOuter(call.expression);
    const method = isPropertyAccessExpression(callee) ? callee.name.text : undefined;
    // `flow(f, save(user))(x)`: each step that runs a project function is awaited where it is async.
    const flowCall = flowInvocation(this.model, call);
    const steps = flowCall && flowSteps(this.model, flowCall);
    if (flowCall && steps) {
      const site: SiteInfo = { kind: 'flow', call: flowCall, file, steps };
      for (const step of steps) if (step.fn) this.addEdge(from, this.fn(step.fn.node, step.fn.file), 'await', flowCall, site);
      return;
    }
    if (this.onGraphqlResolvers(call, file, from)) return;
    if (targets.length === 0) {
      // `fastify.route({ handler })`, `fastify.get('/x', { preHandler, handler })`
      if (method === 'route' || (method && FASTIFY_ROUTE_METHODS.has(method))) this.onFastifyRouteOptions(call, file, from);
      return;
    }
    const info: SiteInfo = { kind: 'callback', call, file };
    const stop = (kind: string, reason: string) => {
      for (const [, arg, t] of targets) this.addEdge(from, t, 'stop', arg, info, { kind, reason });
    };
    const detached = () => {
      for (const [, arg, t] of targets) this.addEdge(from, t, 'detached', arg, info);
    };

    // Handlers.
    const registration = this.handlerRegistration(call);
    if (registration) {
      for (const [i, arg, t] of targets) {
        if (registration.framework === 'http' && i !== registration.callbackIndex && registration.callbackIndex !== undefined) continue;
        t.graph.entry = registration.framework;
        t.registration = { framework: registration.framework, method: registration.method };
        if (isAnonymous(t.node)) t.graph.name = registration.label;
        this.addEdge(from, t, 'detached', arg, info);
      }
      // `fastify.get('/x', { preHandler: [auth] }, handler)`: route-level hooks in the options.
      if (registration.framework === 'fastify') this.onFastifyRouteOptions(call, file, from);
      return;
    }

    if (isPropertyAccessExpression(callee) && method === 'addHook' && this.isFastifyReceiver(chainRoot(callee.expression))) {
      const hook = stringArg(call, 0);
      for (const [i, arg, t] of targets) {
        if (i === 1 && hook !== undefined) this.onFastifyHook(t, hook, from, arg, info);
        else this.addEdge(from, t, 'detached', arg, info);
      }
      return;
    }
    // Fastify awaits async plugins.
    if (isPropertyAccessExpression(callee) && (method === 'register' || method === 'after' || method === 'ready') && this.isFastifyReceiver(chainRoot(callee.expression))) {
      return detached();
    }

    if (isPropertyAccessExpression(callee) && method) {
      const optional = Boolean(callee.questionDotToken);
      if (method === 'forEach' && targets.length === 1 && targets[0]![0] === 0) {
        const [, arg, t] = targets[0]!;
        if (t.graph.alreadyAsync) return detached();
        const plan = optional ? { manual: 'the call uses optional chaining (`?.forEach`)' } : analyzeForEach(call, arg, this.model);
        if ('manual' in plan) return stop('foreach-callback', `its forEach loop cannot be turned into for...of automatically: ${plan.manual}`);
        this.addEdge(from, t, 'await', arg, { kind: 'foreach', call, file, plan });
        return;
      }
      if (method === 'map' && targets.length === 1 && targets[0]![0] === 0) {
        const [, arg, t] = targets[0]!;
        if (t.graph.alreadyAsync || insidePromiseCombinator(call, this.model)) return detached();
        this.addEdge(from, t, 'await', arg, { kind: 'map', call, file, concurrent: !isSimpleReturnCallback(t.node) });
        return;
      }
      // A flatMap whose callback must await: the callbacks' promises are awaited together, then flattened one level.
      if (method === 'flatMap' && targets.length === 1 && targets[0]![0] === 0 && call.arguments.length === 1 && !targets[0]![2].graph.alreadyAsync) {
        const [, arg, t] = targets[0]!;
        this.addEdge(from, t, 'await', arg, { kind: 'map', call, file, concurrent: !isSimpleReturnCallback(t.node), flat: true });
        return;
      }
      if (PREDICATE_METHODS.has(method) && targets.length === 1 && targets[0]![0] === 0 && !targets[0]![2].graph.alreadyAsync) {
        const [, arg, t] = targets[0]!;
        const plan = analyzePredicate(call, arg, this.model);
        if (!('manual' in plan)) {
          this.addEdge(from, t, 'await', arg, { kind: 'predicate', call, file, plan });
          return;
        }
        return stop('sync-callback', `\`.${method}()\` uses its callback's return value at once, and an async callback returns a promise; awaitify cannot await the callbacks first here: ${plan.manual}`);
      }
      if (SYNC_ARRAY_CALLBACKS.has(method) && targets.every(([i]) => i === 0)) {
        return stop('sync-callback', `\`.${method}()\` uses its callback's return value at once, and an async callback returns a promise`);
      }
      if (method === 'then' || method === 'catch' || method === 'finally') return detached();
      const receiver = skipOuter(callee.expression);
      if (isIdentifier(receiver) && receiver.text === 'JSON' && !this.model.lookup('JSON', receiver)) {
        return stop('sync-callback', `\`JSON.${method}\` calls its reviver/replacer synchronously`);
      }
      if (isIdentifier(receiver) && receiver.text === 'process' && !this.model.lookup('process', receiver)) {
        if (method === 'nextTick') return detached();
        const event = stringArg(call, 0);
        if (event === 'exit') return stop('exit-listener', "`process.on('exit')` listeners must be synchronous: the process exits without waiting for promises");
        return stop('event-listener', `\`process.${method}(${event ? `'${event}'` : '...'})\` does not wait for an async listener`);
      }
      if (method === 'replace' || method === 'replaceAll') return stop('sync-callback', `\`.${method}()\` uses the replacer's return value at once`);
      if (method === 'listen' || method === 'close') {
        const v = this.model.valueOf(receiver);
        if (isExpressApp(v) || isHttpServer(v)) return detached();
      }
      if (['on', 'once', 'addListener', 'prependListener', 'addEventListener'].includes(method)) {
        return stop('event-listener', `it is an event listener (\`.${method}()\`): the emitter neither waits for an async listener nor sees its errors`);
      }
    }

    // `fs.stat(p, cb)`, `zlib.gzip(buf, cb)`: Node calls the last-argument callback once and ignores its return value, like a timer's.
    if (isNodeCallbackApi(this.model.valueOf(callee)) && targets.every(([i]) => i === call.arguments.length - 1)) return detached();
    const test = this.testRunnerCall(call);
    if (test === 'suite') return stop('test-suite', 'describe/suite bodies run synchronously while tests are collected; move the call into a before/beforeAll hook or a test');
    if (test === 'test') {
      const first = this.edges.length;
      detached();
      // Test bodies that take a `done` callback need their own treatment (rules/test-done-callback.ts).
      for (const e of this.edges.slice(first)) this.testEdges.set(e, call);
      return;
    }
    if (isIdentifier(callee) && TIMERS.has(callee.text)) {
      const v = this.model.valueOf(callee);
      if (!v || (v.kind === 'external' && v.module.startsWith('timers'))) {
        const first = this.edges.length;
        detached();
        // Repeating timers do not wait for an async callback (rules/interval-async-callback.ts).
        if (callee.text === 'setInterval') for (const e of this.edges.slice(first)) this.intervalEdges.add(e);
        return;
      }
    }
    // `const save = curry(fn)`: fn runs where save is called with every argument (an edge from each such call),
    // when that is all that is done with save.
    if (isCurry(this.model.valueOf(callee)) && targets.length === 1 && call.arguments.length === 1) {
      const decl = call.parent;
      if (isVariableDeclaration(decl) && decl.initializer === call && isIdentifier(decl.name)) {
        const use = unfollowedCurriedUse(this.model, call, decl.name.text);
        if (!use) return detached();
        const at = this.model.fileOf(use);
        const line = at ? at.sf.getLineAndCharacterOfPosition(use.getStart()).line + 1 : 0;
        return stop('unknown-callback', `it is curried (\`${shortText(callee, file)}(...)\`), and \`${decl.name.text}\` is used at ${at?.path ?? '?'}:${line} (\`${shortText(use.parent, at ?? file)}\`) where awaitify cannot await what it returns`);
      }
    }
    // `startApp(handler)` where `startApp` only registers that parameter as a handler (`connect().use('/', h)`).
    const owner = this.model.functionOf(this.model.valueOf(callee));
    if (owner && targets.every(([i]) => this.onlyRegistered(owner.node, i))) return detached();
    stop('unknown-callback', `it is passed to \`${shortText(callee, file)}(...)\`, which awaitify cannot see await it`);
  }

  /**
   * `makeExecutableSchema({ typeDefs, resolvers })`, `new ApolloServer({ resolvers })`: each
   * resolver (`resolvers.Query.user`, `resolvers.Mutation.createUser`) runs per request, and
   * graphql-js awaits what it returns (a rejection becomes a GraphQL error, as a throw does).
   */
  private onGraphqlResolvers(call: ts.CallExpression | ts.NewExpression, file: FileInfo, from: FunctionInfo | null): boolean {
    const lib = this.model.valueOf(call.expression);
    if (lib?.kind !== 'external' || !GRAPHQL_SCHEMA_MODULES.test(lib.module)) return false;
    let found = false;
    for (const arg of call.arguments ?? []) {
      const options = skipOuter(arg);
      if (!isObjectLiteralExpression(options)) continue;
      for (const prop of options.properties) {
        if (propertyNameText(prop.name) !== 'resolvers') continue;
        const value = isPropertyAssignment(prop) ? prop.initializer : isShorthandPropertyAssignment(prop) ? prop.name : undefined;
        const map = value && this.model.valueOf(value);
        if (map?.kind !== 'object') continue;
        for (const typeName of memberNames(map.node)) {
          const type = this.model.member(map, typeName);
          if (type?.kind !== 'object') continue;
          for (const field of memberNames(type.node)) {
            const resolver = this.model.functionOf(this.model.member(type, field));
            if (!resolver) continue;
            const t = this.fn(resolver.node, resolver.file);
            t.graph.entry = 'graphql';
            t.graph.name = `${typeName}.${field} resolver`;
            this.addEdge(from, t, 'detached', prop, { kind: 'callback', call, file });
            found = true;
          }
        }
      }
    }
    return found;
  }

  /** Whether a function's parameter is used only as the handler of framework registrations in its body. */
  private onlyRegistered(fn: FunctionLike, index: number): boolean {
    const param = fn.parameters[index];
    if (!param || param.dotDotDotToken || !isIdentifier(param.name) || !fn.body) return false;
    const name = param.name.text;
    let uses = 0;
    let other = false;
    const visit = (n: ts.Node): void => {
      if (other) return;
      if (isIdentifier(n) && n !== param.name && n.text === name && this.model.lookup(name, n) === param) {
        const call = n.parent;
        if (isCallExpression(call) && call.arguments.includes(n) && this.handlerRegistration(call)) uses++;
        else other = true;
      }
      forEachChild(n, visit);
    };
    visit(fn.body);
    return uses > 0 && !other;
  }

  private testRunnerCall(call: ts.CallExpression): 'test' | 'suite' | undefined {
    // Root identifier of `it(...)`, `it.only(...)`, `test.each(table)(...)`.
    let e: ts.Expression = skipOuter(call.expression);
    for (;;) {
      if (isPropertyAccessExpression(e)) e = skipOuter(e.expression);
      else if (isCallExpression(e)) e = skipOuter(e.expression);
      else if (isTaggedTemplateExpression(e)) e = skipOuter(e.tag);
      else break;
    }
    if (!isIdentifier(e)) return undefined;
    let name = e.text;
    const decl = this.model.lookup(name, e);
    if (decl) {
      const v = this.model.valueOfDeclaration(decl);
      if (v?.kind !== 'external' || !TEST_MODULES.has(v.module)) return undefined;
      name = v.path[v.path.length - 1] ?? 'test';
      if (name === 'default') name = 'test';
    }
    if (TEST_CALLBACKS.has(name)) return 'test';
    if (TEST_SUITES.has(name)) return 'suite';
    return undefined;
  }

  private handlerRegistration(call: ts.CallExpression): { framework: FrameworkName; method: string; label: string; callbackIndex?: number } | undefined {
    const callee = skipOuter(call.expression);
    // http.createServer([options,] listener)
    const calleeValue = isIdentifier(callee) || isPropertyAccessExpression(callee) ? this.model.valueOf(callee) : undefined;
    if (calleeValue?.kind === 'external' && HTTP_MODULES.has(calleeValue.module) && calleeValue.path.join('.') === 'createServer') {
      return { framework: 'http', method: 'request', label: `${calleeValue.module}.createServer handler` };
    }
    // `router[verb](path, handler)`: an Express route whose verb is held in a variable.
    if (isElementAccessExpression(callee) && !isStringLiteralLike(callee.argumentExpression) && call.arguments.length >= 2) {
      const receiver = skipOuter(callee.expression);
      if (!this.isExpressReceiver(receiver, call)) return undefined;
      const path = stringArg(call, 0);
      return { framework: 'express', method: 'route', label: `${callee.argumentExpression.getText().replace(/\s+/g, ' ')} ${path ?? ''}`.trim() };
    }
    if (!isPropertyAccessExpression(callee)) return undefined;
    const method = callee.name.text;
    const receiver = skipOuter(callee.expression);
    if ((method === 'on' || method === 'once' || method === 'addListener') && stringArg(call, 0) === 'request' && isHttpServer(this.model.valueOf(receiver))) {
      return { framework: 'http', method: 'request', label: "'request' listener", callbackIndex: 1 };
    }
    if (FASTIFY_ROUTE_METHODS.has(method) && typeof stringArg(call, 0) === 'string' && this.isFastifyReceiver(chainRoot(receiver))) {
      return { framework: 'fastify', method, label: `${method.toUpperCase()} ${stringArg(call, 0)}` };
    }
    if (KOA_ROUTER_METHODS.has(method)) {
      const koa = this.koaReceiver(chainRoot(receiver));
      if (koa === 'app' && method === 'use') return { framework: 'koa', method, label: 'middleware' };
      if (koa === 'router') {
        const path = stringArg(call, 0);
        return { framework: 'koa', method, label: method === 'use' ? `middleware${path ? ` ${path}` : ''}` : `${method.toUpperCase()} ${path ?? ''}`.trim() };
      }
    }
    // connect(): `app.use([path,] fn)`, with Express 4's contract (a returned promise is ignored).
    if (method === 'use' && this.receiverValues(chainRoot(receiver)).some(isConnectApp)) {
      const path = stringArg(call, 0);
      return { framework: 'connect', method, label: `middleware${path ? ` ${path}` : ''}` };
    }
    // `consumer.apply(logger).forRoutes('*')`: Nest awaits a middleware function and hands what it throws to its exception filters.
    if (method === 'apply' && reachesForRoutes(call)) return { framework: 'nestjs', method: 'use', label: 'Nest middleware' };
    if (!EXPRESS_METHODS.has(method)) return undefined;
    const path = stringArg(call, 0);
    const label = method === 'use' ? `middleware${path ? ` ${path}` : ''}` : method === 'param' ? `param ${path ?? ''}` : `${method.toUpperCase()} ${path ?? ''}`.trim();
    // app.route('/x').get(...).post(...)
    let r: ts.Expression = receiver;
    while (isCallExpression(r) && isPropertyAccessExpression(skipOuter(r.expression))) {
      const pa = skipOuter(r.expression) as ts.PropertyAccessExpression;
      if (pa.name.text === 'route') {
        const routePath = stringArg(r, 0);
        if (this.isExpressReceiver(skipOuter(pa.expression), r)) return { framework: 'express', method, label: `${method.toUpperCase()} ${routePath ?? ''}`.trim() };
        return undefined;
      }
      if (!EXPRESS_METHODS.has(pa.name.text)) return undefined;
      r = skipOuter(pa.expression);
    }
    if (method === 'get' && call.arguments.length < 2) return undefined; // app.get('setting')
    // `app.use(a).use(b)`: Express's registration methods return the app or router.
    if (this.isExpressReceiver(r, call)) return { framework: 'express', method, label };
    return undefined;
  }

  /**
   * `fastify.route({ method, url, handler, preHandler })`, `fastify.get(url, { handler })`:
   * the handler and route-level hooks sit in the options object.
   */
  private onFastifyRouteOptions(call: ts.CallExpression, file: FileInfo, from: FunctionInfo | null): void {
    const callee = skipOuter(call.expression) as ts.PropertyAccessExpression;
    const options = call.arguments.map((a) => skipOuter(a)).find(isObjectLiteralExpression);
    if (!options || !this.isFastifyReceiver(chainRoot(callee.expression))) return;
    const prop = (name: string) => options.properties.find((p) => propertyNameText(p.name) === name);
    const info: SiteInfo = { kind: 'callback', call, file };
    for (const p of options.properties) {
      const hook = propertyNameText(p.name);
      if (!hook || !FASTIFY_REQUEST_HOOKS.has(hook)) continue;
      const value = isPropertyAssignment(p) ? skipOuter(p.initializer) : isShorthandPropertyAssignment(p) ? p.name : undefined;
      const hooks: [ts.Node, FunctionInfo][] = isMethodDeclaration(p) && p.body ? [[p, this.fn(p, file)]] : [];
      for (const el of value && isArrayLiteralExpression(value) ? value.elements : value ? [value] : []) {
        if (!isSpreadElement(el)) for (const t of this.functionArguments(el)) hooks.push([el, t]);
      }
      for (const [at, t] of hooks) this.onFastifyHook(t, hook, from, at, info);
    }
    const handler = prop('handler');
    // A shorthand route with a handler argument besides the options: registered already.
    if (callee.name.text !== 'route' && call.arguments.some((a) => this.functionArgument(a))) return;
    const value = handler && (isPropertyAssignment(handler) ? handler.initializer : isShorthandPropertyAssignment(handler) ? handler.name : undefined);
    const t = handler && isMethodDeclaration(handler) ? this.fn(handler, file) : value ? this.functionArgument(value) : undefined;
    if (!t) return;
    const literal = (name: string) => {
      const p = prop(name);
      return p && isPropertyAssignment(p) && isStringLiteralLike(p.initializer) ? p.initializer.text : undefined;
    };
    if (callee.name.text !== 'route' && !literal('url')) {
      const path = stringArg(call, 0);
      if (path === undefined) return;
      t.graph.entry = 'fastify';
      t.registration = { framework: 'fastify', method: callee.name.text };
      if (isAnonymous(t.node) || isMethodDeclaration(t.node)) t.graph.name = `${callee.name.text.toUpperCase()} ${path}`;
      this.addEdge(from, t, 'detached', handler!, info);
      return;
    }
    const verb = literal('method') ?? 'route';
    t.graph.entry = 'fastify';
    t.registration = { framework: 'fastify', method: verb.toLowerCase() };
    if (isAnonymous(t.node) || isMethodDeclaration(t.node)) t.graph.name = `${verb.toUpperCase()} ${literal('url') ?? literal('path') ?? ''}`.trim();
    this.addEdge(from, t, 'detached', handler!, info);
  }

  /**
   * A Fastify hook. Request hooks are handlers (entries); application hooks
   * are awaited but not entries; `onRoute`/`onRegister` run synchronously. A
   * hook that declares `done` can only become async when its `done` calls can
   * be rewritten (fastifyDonePlan); otherwise it stays sync with the reason.
   */
  private onFastifyHook(t: FunctionInfo, hook: string, from: FunctionInfo | null, at: ts.Node, info: SiteInfo): void {
    if (isAnonymous(t.node)) t.graph.name = `${hook} hook`;
    if (FASTIFY_SYNC_HOOKS.has(hook)) {
      this.addEdge(from, t, 'stop', at, info, { kind: 'fastify-sync-hook', reason: `Fastify calls \`${hook}\` hooks synchronously and ignores a returned promise` });
      return;
    }
    markFastifyHook(t.node, hook);
    t.registration = { framework: 'fastify', method: hook };
    if (FASTIFY_REQUEST_HOOKS.has(hook)) t.graph.entry = 'fastify';
    if (!t.graph.alreadyAsync && !t.graph.cannotBeAsync) {
      const plan = fastifyDonePlan(t.node, hook, this.model);
      if (plan && 'manual' in plan) {
        t.graph.cannotBeAsync = {
          kind: 'fastify-done-hook',
          reason: `it is a Fastify \`${hook}\` hook that takes the \`done\` callback, which Fastify forbids in an async hook, and awaitify cannot turn its \`done\` calls into \`return\`/\`throw\`: ${plan.manual}`,
        };
      }
    }
    this.addEdge(from, t, 'detached', at, info);
  }

  /**
   * A Fastify instance: `fastify()`, a `FastifyInstance` parameter, the first
   * parameter of a plugin (`fastify.register(async (f) => ...)`, `fp(fn)`, or
   * the module export in a Fastify project), or by name in a Fastify project.
   */
  private isFastifyReceiver(receiver: ts.Expression, depth = 0): boolean {
    const values = this.receiverValues(receiver);
    if (values.length) return values.every(isFastifyValue);
    if (!isIdentifier(receiver) || depth > 8) return false;
    const decl = this.model.lookup(receiver.text, receiver);
    if (decl && isParameter(decl) && isFunctionLike(decl.parent) && decl.parent.parameters[0] === decl) {
      const fn = decl.parent;
      const outer = skipParens(fn);
      const p = outer.parent;
      if (p && isCallExpression(p) && p.arguments[0] === outer) {
        const c = skipOuter(p.expression);
        if (isPropertyAccessExpression(c) && c.name.text === 'register' && this.isFastifyReceiver(skipOuter(c.expression), depth + 1)) return true;
        const cv = isIdentifier(c) ? this.model.valueOf(c) : undefined;
        if (cv?.kind === 'external' && cv.module === 'fastify-plugin') return true;
      }
      if (this.framework === 'fastify' && isModuleExport(fn)) return true;
    }
    return this.framework === 'fastify' && /^(fastify|app|server|instance)$/.test(receiver.text);
  }

  private koaReceiver(receiver: ts.Expression): 'app' | 'router' | undefined {
    const values = this.receiverValues(receiver);
    if (values.length && values.every(isKoaApp)) return 'app';
    if (values.length && values.every(isKoaRouter)) return 'router';
    if (values.length || this.framework !== 'koa' || !isIdentifier(receiver)) return undefined;
    if (/^(app|server)$/.test(receiver.text)) return 'app';
    if (/^router$|Router$/.test(receiver.text)) return 'router';
    return undefined;
  }

  private isExpressReceiver(receiver: ts.Expression, call: ts.CallExpression): boolean {
    const values = this.receiverValues(receiver);
    if (values.length) return values.every((v) => isExpressApp(v) || isExpressRouter(v));
    // An untyped parameter every call of its function gives an Express app or router.
    const decl = isIdentifier(receiver) ? this.model.lookup(receiver.text, receiver) : undefined;
    const passed = decl && isParameter(decl) && (!decl.type || decl.type.kind === ts.SyntaxKind.AnyKeyword) ? this.parameterValues(decl) : [];
    if (passed.length && passed.every((v) => isExpressApp(v) || isExpressRouter(v))) return true;
    // In a Fastify or Koa project `app.get('/x', fn)` is theirs, not Express's.
    if (this.framework === 'fastify' || this.framework === 'koa') return false;
    // An untyped `app`/`router` parameter (`module.exports = (app) => { app.get(...) }`):
    // trust the name when the call looks like a route registration.
    if (!isIdentifier(receiver) || !/^(app|router|api|routes|server)$|Router$|App$/.test(receiver.text)) return false;
    const first = call.arguments[0];
    const fnArgs = call.arguments.filter((a) => isArrowFunction(skipOuter(a)) || isFunctionExpression(skipOuter(a)) || isIdentifier(a));
    if (!first || fnArgs.length === 0) return false;
    if (isStringLiteralLike(first) || isRegularExpressionLiteral(first)) return first.getText().replace(/^['"`]/, '').startsWith('/') || isRegularExpressionLiteral(first);
    // `app.use((req, res, next) => ...)`
    const fn = skipOuter(first);
    return (isArrowFunction(fn) || isFunctionExpression(fn)) && fn.parameters.length >= 2;
  }

  /**
   * What a registration receiver holds: its value, or, for `obj.router` /
   * `this.app` that no declaration gives a value, the known values assigned to
   * that property of that same object or class in its file and the receiver's
   * (`apiMocker.router = express.Router()` inside a setup function). Empty when unknown.
   */
  private receiverValues(receiver: ts.Expression): Value[] {
    const v = this.model.valueOf(receiver);
    if (v) return [v];
    const e = skipOuter(receiver);
    if (!isPropertyAccessExpression(e)) return [];
    const owner = this.model.valueOf(e.expression);
    if (!owner || (owner.kind !== 'object' && owner.kind !== 'instance' && owner.kind !== 'class')) return [];
    const out: Value[] = [];
    for (const file of new Set([owner.file, this.model.fileOf(e)])) {
      if (!file) continue;
      for (const assignment of this.propertyAssignments(file).get(e.name.text) ?? []) {
        const target = this.model.valueOf((assignment.left as ts.PropertyAccessExpression).expression);
        if (target?.kind !== owner.kind || target.node !== owner.node) continue;
        const assigned = this.model.valueOf(assignment.right);
        if (assigned) out.push(assigned);
      }
    }
    return out;
  }

  private readonly assignmentsByFile = new Map<FileInfo, Map<string, ts.BinaryExpression[]>>();

  /** `x.name = value` assignments of a file, by property name. */
  private propertyAssignments(file: FileInfo): Map<string, ts.BinaryExpression[]> {
    let byName = this.assignmentsByFile.get(file);
    if (byName) return byName;
    byName = new Map();
    this.assignmentsByFile.set(file, byName);
    const found = byName;
    const visit = (n: ts.Node): void => {
      if (isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && isPropertyAccessExpression(n.left)) {
        const list = found.get(n.left.name.text);
        if (list) list.push(n);
        else found.set(n.left.name.text, [n]);
      }
      forEachChild(n, visit);
    };
    visit(file.sf);
    return byName;
  }

  /** Call sites the syntax could not resolve whose name matches a function that matters: resolved with the type checker. */
  resolveWithChecker(checker: ts.TypeChecker, relevantNames: Set<string>, handled: Set<UnresolvedCall>): number {
    let added = 0;
    for (const u of this.unresolved) {
      if (handled.has(u) || !relevantNames.has(u.name.text) || this.resolvedCalls.has(u.call)) continue;
      handled.add(u);
      let sym: ts.Symbol | undefined;
      try {
        sym = checker.getSymbolAtLocation(u.name);
        if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
      } catch {
        sym = undefined;
      }
      const impls = (sym?.declarations ?? []).flatMap((d) => this.implementationsOf.get(d) ?? []);
      if (impls.length) {
        // A call through an interface or abstract method reaches every implementation.
        this.resolvedCalls.add(u.call);
        for (const impl of impls) this.addEdge(u.from, impl, this.callMode(u.call), u.call, { kind: 'call', call: u.call, file: u.file });
        added++;
        continue;
      }
      for (const decl of sym?.declarations ?? []) {
        const fnNode = functionOfDeclaration(decl);
        if (!fnNode) continue;
        const file = this.model.fileOf(fnNode);
        if (!file) continue;
        this.resolvedCalls.add(u.call);
        this.addEdge(u.from, this.fn(fnNode, file), this.callMode(u.call), u.call, { kind: 'call', call: u.call, file: u.file });
        added++;
        break;
      }
    }
    return added;
  }
}

/** The function a declaration the type checker names defines (a method, a function, a property or variable holding one). */
export function functionOfDeclaration(decl: ts.Declaration): FunctionLike | undefined {
  if (isFunctionLike(decl)) return decl.body ? decl : undefined;
  let init: ts.Expression | undefined;
  if (isVariableDeclaration(decl) || isPropertyDeclaration(decl) || isPropertyAssignment(decl)) init = decl.initializer;
  else if (isBinaryExpression(decl)) init = decl.right;
  else if (isPropertyAccessExpression(decl) && decl.parent && isBinaryExpression(decl.parent)) init = decl.parent.right;
  if (!init) return undefined;
  const inner = skipOuter(init);
  return isArrowFunction(inner) || isFunctionExpression(inner) ? inner : undefined;
}

/** Core modules whose functions take a completion callback last (called once, its return value ignored). */
const NODE_CALLBACK_MODULES = new Set(['fs', 'fs-extra', 'dns', 'zlib', 'crypto', 'child_process']);
/** Their functions whose function argument is a listener or runs synchronously, not a completion callback. */
const NOT_COMPLETION_CALLBACKS = new Set(['watch', 'watchFile', 'unwatchFile', 'createReadStream', 'createWriteStream', 'spawn', 'fork', 'setServers', 'sign', 'verify']);

/** `fs.readFile`, `require('dns').lookup`, a destructured `stat` from 'fs': a callback API of Node's core. */
function isNodeCallbackApi(v: Value | undefined): boolean {
  if (v?.kind !== 'external' || v.path.length !== 1) return false;
  const module = v.module.replace(/^node:/, '');
  const name = v.path[0]!;
  return NODE_CALLBACK_MODULES.has(module) && !name.endsWith('Sync') && !NOT_COMPLETION_CALLBACKS.has(name) && !/^(create|Create)/.test(name);
}

export function isExpressApp(v: Value | undefined): boolean {
  if (!v) return false;
  if (v.kind === 'result') return v.of.kind === 'external' && v.of.module === 'express' && (v.of.path.length === 0 || (v.of.path.length === 1 && v.of.path[0] === 'default'));
  if (v.kind === 'typed') return v.module === 'express' && (v.name === 'Express' || v.name === 'Application');
  return false;
}

function isExpressRouter(v: Value | undefined): boolean {
  if (!v) return false;
  if (v.kind === 'result') return v.of.kind === 'external' && v.of.module === 'express' && v.of.path[v.of.path.length - 1] === 'Router';
  if (v.kind === 'typed') return v.module === 'express' && EXPRESS_TYPES.has(v.name);
  return false;
}

function isHttpServer(v: Value | undefined): boolean {
  if (v?.kind === 'typed') return HTTP_MODULES.has(v.module) && v.name === 'Server';
  if (v?.kind !== 'result' || v.of.kind !== 'external') return false;
  const last = v.of.path[v.of.path.length - 1];
  return HTTP_MODULES.has(v.of.module) && (last === 'createServer' || last === 'Server');
}

function isPromiseStatic(call: ts.CallExpression, model: ProjectModel, names: Set<string>): boolean {
  const callee = skipOuter(call.expression);
  return (
    isPropertyAccessExpression(callee) &&
    names.has(callee.name.text) &&
    isIdentifier(callee.expression) &&
    callee.expression.text === 'Promise' &&
    !model.lookup('Promise', callee)
  );
}

function isPromiseCombinator(call: ts.CallExpression, model: ProjectModel): boolean {
  return isPromiseStatic(call, model, PROMISE_COMBINATORS);
}

/** `Promise.all(xs.map(cb))`: the promises are awaited already. */
function insidePromiseCombinator(call: ts.CallExpression, model: ProjectModel): boolean {
  let n: ts.Node = call;
  while (n.parent && isParenthesizedExpression(n.parent)) n = n.parent;
  const parent = n.parent;
  return Boolean(parent && isCallExpression(parent) && parent.arguments[0] === n && isPromiseCombinator(parent, model));
}

/** `x => f(x)` / `(x) => { return f(x); }`: a map callback whose only work is the returned call. */
function isSimpleReturnCallback(node: FunctionLike): boolean {
  const body = node.body;
  if (!body) return false;
  if (!isBlock(body)) return isCallExpression(skipOuter(body)) || isAwaitExpression(body);
  return body.statements.length === 1 && isReturnStatement(body.statements[0]!) && Boolean(body.statements[0].expression && isCallExpression(skipOuter(body.statements[0].expression)));
}

function constructorOf(cls: ts.ClassLikeDeclaration, model: ProjectModel): { node: ts.ConstructorDeclaration; file: FileInfo } | undefined {
  for (let c: ts.ClassLikeDeclaration | undefined = cls, depth = 0; c && depth < 10; depth++) {
    const ctor = c.members.find((m): m is ts.ConstructorDeclaration => isConstructorDeclaration(m) && Boolean(m.body));
    if (ctor) return { node: ctor, file: model.fileOf(ctor)! };
    const base = baseClassExpression(c);
    const b = base && model.valueOf(base);
    c = b?.kind === 'class' ? b.node : undefined;
  }
  return undefined;
}

function enclosingClass(node: ts.Node): ts.ClassLikeDeclaration | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (isClassLike(n)) return n;
  return undefined;
}

function isInStaticMember(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (isClassLike(n)) return false;
    if ((isMethodDeclaration(n) || isPropertyDeclaration(n)) && isClassLike(n.parent)) {
      return (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
    }
    if (isClassStaticBlockDeclaration(n)) return true;
  }
  return false;
}

/** Registration methods that return their receiver, so calls chain: `app.use(a).use(b)`, `fastify.register(p).get('/x', h)`. */
const CHAINING_METHODS = new Set(['use', 'get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'param', 'addHook', 'register', 'decorate', 'decorateRequest', 'decorateReply']);

/** The object a chain of registration calls starts from: `app` for `app.use(a).use(b)`. */
function chainRoot(expr: ts.Expression): ts.Expression {
  let e = skipOuter(expr);
  for (let depth = 0; depth < 50 && isCallExpression(e); depth++) {
    const callee = skipOuter(e.expression);
    if (!isPropertyAccessExpression(callee) || !CHAINING_METHODS.has(callee.name.text)) break;
    e = skipOuter(callee.expression);
  }
  return e;
}

function stringArg(call: ts.CallExpression, index: number): string | undefined {
  const a = call.arguments[index];
  return a && isStringLiteralLike(a) ? a.text : undefined;
}

function shortText(node: ts.Node, file: FileInfo): string {
  const t = node.getText(file.sf).replace(/\s+/g, ' ');
  return t.length > 40 ? t.slice(0, 37) + '...' : t;
}

function isAnonymous(node: FunctionLike): boolean {
  return (isArrowFunction(node) || isFunctionExpression(node)) && !isVariableDeclaration(skipParens(node).parent) && !(isFunctionExpression(node) && node.name);
}

function skipParens(node: ts.Node): ts.Node {
  while (node.parent && isParenthesizedExpression(node.parent)) node = node.parent;
  return node;
}

function cannotBeAsync(node: FunctionLike): { kind: string; reason: string } | undefined {
  if (isConstructorDeclaration(node)) return { kind: 'constructor', reason: 'a constructor cannot be async' };
  if (isGetAccessor(node)) return { kind: 'getter', reason: 'a getter cannot be async' };
  if (isSetAccessor(node)) return { kind: 'setter', reason: 'a setter cannot be async' };
  if ((isFunctionDeclaration(node) || isFunctionExpression(node) || isMethodDeclaration(node)) && node.asteriskToken) {
    return { kind: 'generator', reason: 'a generator would become an async generator, which its callers iterate differently' };
  }
  if (node.type && isTypePredicateNode(node.type)) return { kind: 'type-guard', reason: 'a type guard must return its boolean synchronously' };
  return undefined;
}

/** A readable name for the plan and messages. */
export function functionName(node: FunctionLike): string {
  const owner = (n: ts.Node): string | undefined => {
    if (isClassLike(n)) return n.name?.text ?? '<class>';
    if (isObjectLiteralExpression(n)) {
      const p = skipParens(n).parent;
      if (p && isVariableDeclaration(p) && isIdentifier(p.name)) return p.name.text;
      // `module.exports = { ... }`: the members are the module's exports, named plainly.
      if (p && isBinaryExpression(p)) return /^(module\.)?exports$/.test(p.left.getText()) ? undefined : p.left.getText();
      if (p && isPropertyAssignment(p)) return propertyNameText(p.name);
    }
    return undefined;
  };
  const qualify = (container: ts.Node, name: string) => {
    const o = owner(container);
    return o ? `${o}.${name}` : name;
  };
  if (isFunctionDeclaration(node)) return node.name?.text ?? 'default';
  if (isConstructorDeclaration(node)) return qualify(node.parent, 'constructor');
  if (isMethodDeclaration(node) || isGetAccessor(node) || isSetAccessor(node)) {
    const base = propertyNameText(node.name) ?? node.name.getText();
    const prefix = isGetAccessor(node) ? 'get ' : isSetAccessor(node) ? 'set ' : '';
    return prefix + qualify(node.parent, base);
  }
  if (isFunctionExpression(node) && node.name) return node.name.text;
  const p = skipParens(node).parent;
  if (p) {
    if (isVariableDeclaration(p) && isIdentifier(p.name)) return p.name.text;
    if (isPropertyAssignment(p)) return qualify(p.parent, propertyNameText(p.name) ?? p.name.getText());
    if (isPropertyDeclaration(p)) return qualify(p.parent, propertyNameText(p.name) ?? p.name.getText());
    if (isBinaryExpression(p) && p.right === skipParens(node)) return p.left.getText();
    if (isExportAssignment(p)) return 'default';
    if (isCallExpression(p)) {
      const callee = skipOuter(p.expression);
      const calleeName = isPropertyAccessExpression(callee) ? callee.name.text : isIdentifier(callee) ? callee.text : undefined;
      if (calleeName) return `${calleeName} callback`;
    }
  }
  return '<anonymous>';
}
