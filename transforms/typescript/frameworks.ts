// Handlers of the Node frameworks besides Express: how they are registered or
// declared (Fastify routes and hooks, Koa and connect by call; Next.js route
// handlers and server actions, NestJS and AWS Lambda by convention), and what
// a handler needs once it is async (Fastify: resolve with `reply` after
// `reply.send`, hooks drop `done`; Koa: `await next()`).
import { ts } from 'ts-morph';
import type { TextEdit } from '../core/types.js';
import { isFunctionLike, isModuleExports, propertyNameText, runtimeParameters, skipOuter, type FileInfo, type FunctionLike, type ProjectModel, type Value } from './analysis/model.js';

export type FrameworkName = 'express' | 'connect' | 'http' | 'fastify' | 'koa' | 'next' | 'nestjs' | 'lambda';

/** A handler found by convention rather than by a registration call. */
export interface DeclaredEntry {
  node: FunctionLike;
  framework: FrameworkName;
  method: string;
  label: string;
}

export const FASTIFY_ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'all']);
export const KOA_ROUTER_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'all', 'use']);
const HTTP_VERBS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const NEST_ROUTE_DECORATORS = new Map([
  ['Get', 'GET'],
  ['Post', 'POST'],
  ['Put', 'PUT'],
  ['Patch', 'PATCH'],
  ['Delete', 'DELETE'],
  ['Head', 'HEAD'],
  ['Options', 'OPTIONS'],
  ['All', 'ALL'],
]);

/** `fastify()`, `Fastify({ logger })`, `require('fastify').fastify()`, or a parameter typed `FastifyInstance`. */
export function isFastifyValue(v: Value | undefined): boolean {
  if (!v) return false;
  if (v.kind === 'typed') return v.module === 'fastify' && v.name === 'FastifyInstance';
  if (v.kind !== 'result' || v.of.kind !== 'external' || v.of.module !== 'fastify') return false;
  const p = v.of.path;
  return p.length === 0 || (p.length === 1 && (p[0] === 'default' || p[0] === 'fastify'));
}

/** `connect()`: middleware with Express 4's contract, which never looks at a returned promise. */
export function isConnectApp(v: Value | undefined): boolean {
  if (v?.kind === 'typed') return v.module === 'connect' && v.name === 'Server';
  return v?.kind === 'result' && v.of.kind === 'external' && v.of.module === 'connect' && (v.of.path.length === 0 || (v.of.path.length === 1 && v.of.path[0] === 'default'));
}

/** `new Koa()` / `new (require('koa'))()`. */
export function isKoaApp(v: Value | undefined): boolean {
  if (v?.kind === 'typed') return v.module === 'koa' && (v.name === 'Koa' || v.name === 'Application');
  return v?.kind === 'result' && v.of.kind === 'external' && v.of.module === 'koa' && (v.of.path.length === 0 || v.of.path[0] === 'default');
}

/** `new Router()` from @koa/router or koa-router. */
export function isKoaRouter(v: Value | undefined): boolean {
  if (v?.kind === 'typed') return (v.module === '@koa/router' || v.module === 'koa-router') && v.name === 'Router';
  return v?.kind === 'result' && v.of.kind === 'external' && (v.of.module === '@koa/router' || v.of.module === 'koa-router');
}

function hasDirective(container: ts.SourceFile | ts.Block, directive: string): boolean {
  for (const st of container.statements) {
    if (!ts.isExpressionStatement(st) || !ts.isStringLiteral(st.expression)) return false;
    if (st.expression.text === directive) return true;
  }
  return false;
}

/** A `'use client'` module: its components render in the browser and may not be async. */
export function isClientModule(file: FileInfo): boolean {
  return hasDirective(file.sf, 'use client');
}

/** `app/api/users/[id]/route.ts` → `/api/users/[id]`; undefined for a path that is no App Router route. */
function nextRoutePath(path: string): string | undefined {
  const m = /(?:^|\/)app((?:\/[^/]+)*)\/route\.[cm]?[jt]sx?$/.exec(path);
  if (!m) return undefined;
  // Route groups `(admin)` are not part of the URL.
  return (m[1] ?? '').split('/').filter((s) => s && !/^\(.*\)$/.test(s)).map((s) => `/${s}`).join('') || '/';
}

function nextPagesApiPath(path: string): string | undefined {
  const m = /(?:^|\/)pages(\/api(?:\/[^/]+)*?)(?:\/index)?\.[cm]?[jt]sx?$/.exec(path);
  return m ? m[1] : undefined;
}

function importsFrom(file: FileInfo, test: (spec: string) => boolean): boolean {
  for (const st of file.sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && test(st.moduleSpecifier.text)) return true;
  }
  return /\brequire\(\s*['"]/.test(file.text) && [...file.text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)].some((m) => test(m[1]!));
}

function modifiersOf(node: ts.Node): readonly ts.ModifierLike[] {
  return ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : [];
}

function isExported(node: ts.Node): boolean {
  return modifiersOf(node).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Exported functions of a module by export name (ESM declarations, `export { }`, CommonJS `exports.x =`, `module.exports = { }`). */
function exportedFunctions(file: FileInfo, model: ProjectModel): Map<string, FunctionLike> {
  const out = new Map<string, FunctionLike>();
  for (const [name, value] of model.exportsOf(file).named) {
    const v = value();
    if (v?.kind === 'function' && v.file === file) out.set(name, v.node);
  }
  const cjs = model.exportsOf(file).cjs;
  if (cjs) {
    const v = model.valueOf(cjs);
    if (v?.kind === 'object') {
      for (const p of v.node.properties) {
        const name = propertyNameText(p.name);
        const pv = name ? model.member(v, name) : undefined;
        if (name && pv?.kind === 'function') out.set(name, pv.node);
      }
    } else if (v?.kind === 'function') out.set('default', v.node);
  }
  return out;
}

/** Handlers a file declares by convention, for the frameworks the project uses (or the one `--framework` names). */
export function declaredEntries(file: FileInfo, model: ProjectModel, framework: string | undefined): DeclaredEntry[] {
  const out: DeclaredEntry[] = [];
  const isNext = framework === 'next' || importsFrom(file, (s) => s === 'next' || s.startsWith('next/'));
  if (isNext && !isClientModule(file)) {
    const route = nextRoutePath(file.path);
    if (route !== undefined) {
      for (const [name, node] of exportedFunctions(file, model)) {
        if (HTTP_VERBS.includes(name)) out.push({ node, framework: 'next', method: name, label: `${name} ${route}` });
      }
    }
    const api = nextPagesApiPath(file.path);
    if (api !== undefined) {
      const node = exportedFunctions(file, model).get('default');
      if (node) out.push({ node, framework: 'next', method: 'handler', label: `API ${api}` });
    }
  }
  if (!isClientModule(file)) out.push(...serverActions(file, model));
  const lambda = framework === 'lambda' || importsFrom(file, (s) => s === 'aws-lambda' || s.startsWith('@aws-sdk/') || s === 'aws-sdk');
  const handler = exportedFunctions(file, model).get('handler');
  // Without a Lambda hint, an exported `handler(event, ...)` is still the convention's shape.
  if (handler && (lambda || isEventParameter(handler.parameters[0])) && handler.parameters.length < 3) {
    out.push({ node: handler, framework: 'lambda', method: 'handler', label: 'Lambda handler' });
  }
  if (framework === 'nestjs' || importsFrom(file, (s) => s === '@nestjs/common')) out.push(...nestRoutes(file, model));
  return out;
}

/**
 * Server actions: the exports of a `'use server'` module, and functions whose
 * body starts with `'use server'`. The client calls them over the network, so
 * they are handlers (Next.js requires them to be async already).
 */
function serverActions(file: FileInfo, model: ProjectModel): DeclaredEntry[] {
  const out: DeclaredEntry[] = [];
  const seen = new Set<ts.Node>();
  if (hasDirective(file.sf, 'use server')) {
    for (const [name, node] of exportedFunctions(file, model)) {
      seen.add(node);
      out.push({ node, framework: 'next', method: 'action', label: `server action ${name}` });
    }
  }
  if (!file.text.includes('use server')) return out;
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n) && n.body && ts.isBlock(n.body) && !seen.has(n) && hasDirective(n.body, 'use server')) {
      out.push({ node: n, framework: 'next', method: 'action', label: 'server action' });
    }
    ts.forEachChild(n, visit);
  };
  visit(file.sf);
  return out;
}

function isEventParameter(p: ts.ParameterDeclaration | undefined): boolean {
  if (!p || !ts.isIdentifier(p.name)) return false;
  if (p.type && ts.isTypeReferenceNode(p.type)) return /Event$/.test(p.type.typeName.getText());
  return p.name.text === 'event';
}

/** The name a decorator calls, when it comes from @nestjs/common. */
export function nestDecoratorName(d: ts.Decorator, model: ProjectModel): string | undefined {
  const e = ts.isCallExpression(d.expression) ? d.expression.expression : d.expression;
  if (!ts.isIdentifier(e)) return undefined;
  const decl = model.lookup(e.text, e);
  const v = decl ? model.valueOfDeclaration(decl) : undefined;
  if (v?.kind !== 'external' || v.module !== '@nestjs/common' || v.path.length !== 1) return undefined;
  return v.path[0];
}

function decoratorsOf(node: ts.Node): ts.Decorator[] {
  return ts.canHaveDecorators(node) ? [...(ts.getDecorators(node) ?? [])] : [];
}

function firstStringArg(d: ts.Decorator): string {
  const a = ts.isCallExpression(d.expression) ? d.expression.arguments[0] : undefined;
  return a && ts.isStringLiteralLike(a) ? a.text : '';
}

function joinRoute(prefix: string, path: string): string {
  const parts = [prefix, path].flatMap((p) => p.split('/')).filter(Boolean);
  return '/' + parts.join('/');
}

function nestRoutes(file: FileInfo, model: ProjectModel): DeclaredEntry[] {
  const out: DeclaredEntry[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isClassDeclaration(n)) {
      // The injector constructs providers at startup: their constructors' blocking calls are reported (they cannot become async).
      const ctor = n.members.find((m): m is ts.ConstructorDeclaration => ts.isConstructorDeclaration(m) && Boolean(m.body));
      if (ctor && isNestManagedClass(n, model)) out.push({ node: ctor, framework: 'nestjs', method: 'constructor', label: `${n.name?.text ?? '<class>'}.constructor` });
      for (const entry of nestRequestHooks(n, file, model)) out.push(entry);
      const controller = decoratorsOf(n).find((d) => nestDecoratorName(d, model) === 'Controller');
      if (controller) {
        const prefix = firstStringArg(controller);
        for (const m of n.members) {
          if (!ts.isMethodDeclaration(m) || !m.body) continue;
          for (const d of decoratorsOf(m)) {
            const verb = NEST_ROUTE_DECORATORS.get(nestDecoratorName(d, model) ?? '');
            if (verb) out.push({ node: m, framework: 'nestjs', method: verb, label: `${verb} ${joinRoute(prefix, firstStringArg(d))}` });
          }
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(file.sf);
  return out;
}

/**
 * The members Nest calls on each request and awaits, by the interface that
 * declares them (checked in @nestjs/core 10.2.5 and 11: `RouterProxy` awaits
 * a middleware's `use` inside a try/catch that hands errors to the exception
 * filters; `GuardsConsumer` awaits `canActivate`'s result; `PipesConsumer`
 * awaits each `transform`; `InterceptorsConsumer` calls `intercept` from an
 * async function whose promise it flattens into the response stream). Nest
 * catches what they throw, so an async form needs no Express error
 * forwarding.
 */
const NEST_REQUEST_HOOKS = new Map([
  ['NestMiddleware', { member: 'use', kind: 'middleware' }],
  ['CanActivate', { member: 'canActivate', kind: 'guard' }],
  ['NestInterceptor', { member: 'intercept', kind: 'interceptor' }],
  ['PipeTransform', { member: 'transform', kind: 'pipe' }],
]);

/**
 * A class's Nest request hooks: the member of each @nestjs/common interface
 * it implements (`implements NestMiddleware` → `use`), and `use` of a class
 * applied with `consumer.apply(...)` whether or not it names the interface.
 */
function nestRequestHooks(cls: ts.ClassDeclaration, file: FileInfo, model: ProjectModel): DeclaredEntry[] {
  const wanted = new Map<string, string>();
  for (const clause of cls.heritageClauses ?? []) {
    if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
    for (const t of clause.types) {
      const hook = NEST_REQUEST_HOOKS.get(nestCommonName(t.expression, model) ?? '');
      if (hook) wanted.set(hook.member, hook.kind);
    }
  }
  if (!wanted.has('use') && nestAppliedMiddleware(model).has(cls)) wanted.set('use', 'middleware');
  const out: DeclaredEntry[] = [];
  for (const m of cls.members) {
    if (!ts.isMethodDeclaration(m) || !m.body || modifiersOf(m).some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) continue;
    const name = propertyNameText(m.name);
    const kind = name ? wanted.get(name) : undefined;
    if (kind) out.push({ node: m, framework: 'nestjs', method: name!, label: `${cls.name?.text ?? '<class>'}.${name} (Nest ${kind})` });
  }
  return out;
}

/**
 * `transform` of a class that `implements PipeTransform<T, R>` (@nestjs/common)
 * with `R` written out: the async form returns `Promise<R>`, which `R` does
 * not accept (`tsc` fails), so `R` becomes `Promise<R>`. Nest awaits the result.
 */
export function nestPipeResultEdits(node: FunctionLike, model: ProjectModel): TextEdit[] {
  if (!ts.isMethodDeclaration(node) || propertyNameText(node.name) !== 'transform' || !ts.isClassLike(node.parent)) return [];
  const sf = node.getSourceFile();
  for (const clause of node.parent.heritageClauses ?? []) {
    if (clause.token !== ts.SyntaxKind.ImplementsKeyword) continue;
    for (const t of clause.types) {
      const result = t.typeArguments?.[1];
      if (!result || nestCommonName(t.expression, model) !== 'PipeTransform') continue;
      if (ts.isTypeReferenceNode(result) && ts.isIdentifier(result.typeName) && result.typeName.text === 'Promise') return [];
      if (result.kind === ts.SyntaxKind.AnyKeyword || result.kind === ts.SyntaxKind.UnknownKeyword) return [];
      return [
        { start: result.getStart(sf), end: result.getStart(sf), text: 'Promise<' },
        { start: result.getEnd(), end: result.getEnd(), text: '>' },
      ];
    }
  }
  return [];
}

/** The name an identifier or `common.X` expression imports from @nestjs/common. */
function nestCommonName(expr: ts.Expression, model: ProjectModel): string | undefined {
  let v: Value | undefined;
  if (ts.isIdentifier(expr)) {
    const decl = model.lookup(expr.text, expr);
    v = decl ? model.valueOfDeclaration(decl) : undefined;
  } else v = model.valueOf(expr);
  return v?.kind === 'external' && v.module === '@nestjs/common' && v.path.length === 1 ? v.path[0] : undefined;
}

const APPLIED_MIDDLEWARE = new WeakMap<ProjectModel, Set<ts.Node>>();

/**
 * The classes the project applies as Nest middleware: the arguments of
 * `consumer.apply(...)` whose chain goes on to `.forRoutes(...)` (possibly
 * after `.exclude(...)`). Functions applied there are registrations the call
 * graph sees (GraphBuilder.handlerRegistration).
 */
function nestAppliedMiddleware(model: ProjectModel): Set<ts.Node> {
  let found = APPLIED_MIDDLEWARE.get(model);
  if (found) return found;
  found = new Set();
  APPLIED_MIDDLEWARE.set(model, found);
  for (const f of model.files) {
    if (!f.text.includes('forRoutes')) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === 'apply' && reachesForRoutes(n)) {
        for (const arg of n.arguments) {
          const v = ts.isSpreadElement(arg) ? undefined : model.valueOf(arg);
          if (v?.kind === 'class') found!.add(v.node);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(f.sf);
  }
  return found;
}

/** `x.apply(a).forRoutes(...)`, `x.apply(a).exclude(...).forRoutes(...)`: Nest's MiddlewareConsumer. */
export function reachesForRoutes(apply: ts.CallExpression): boolean {
  let n: ts.Node = apply;
  for (let i = 0; i < 4; i++) {
    const access = n.parent;
    if (!access || !ts.isPropertyAccessExpression(access) || access.expression !== n) return false;
    const call = access.parent;
    if (!call || !ts.isCallExpression(call) || call.expression !== access) return false;
    if (access.name.text === 'forRoutes') return true;
    n = call;
  }
  return false;
}

/** Whether a class is a NestJS provider or controller (`@Injectable()`, `@Controller()`): its constructor's I/O belongs in `onModuleInit`. */
export function isNestManagedClass(cls: ts.ClassLikeDeclaration, model: ProjectModel): boolean {
  return decoratorsOf(cls).some((d) => ['Injectable', 'Controller'].includes(nestDecoratorName(d, model) ?? ''));
}

// ---- edits for handlers that became async ---------------------------------

function calls(fn: FunctionLike, visit: (call: ts.CallExpression) => void): void {
  const walk = (n: ts.Node): void => {
    if (n !== fn && (isFunctionLike(n) || ts.isClassLike(n))) return;
    if (ts.isCallExpression(n)) visit(n);
    ts.forEachChild(n, walk);
  };
  if (fn.body) walk(fn.body);
}

function paramBinding(fn: FunctionLike, index: number): ts.Identifier | undefined {
  const p = runtimeParameters(fn)[index];
  return p && ts.isIdentifier(p.name) ? p.name : undefined;
}

/** Whether `expr` is the parameter `param` (not a shadowing local). */
function isParam(expr: ts.Expression, param: ts.Identifier, model: ProjectModel): boolean {
  const e = skipOuter(expr);
  return ts.isIdentifier(e) && e.text === param.text && model.lookup(e.text, e) === param.parent;
}

const SENDS = new Set(['send', 'redirect', 'view', 'sendFile', 'download']);

/**
 * A Fastify handler that became async and answers through `reply.send()`
 * must resolve with `reply`: resolving `undefined` after sending makes
 * Fastify try to send again. Bare `return;` becomes `return reply;`, and a
 * body whose end is reachable gets `return reply;` at the end.
 */
export function fastifyReturnReplyEdits(fn: FunctionLike, model: ProjectModel): TextEdit[] {
  const hook = fastifyHooks.get(fn);
  // Payload hooks resolve with the payload, and a hook declaring `done` gets its returns from fastifyDonePlan.
  if (hook !== undefined && (!FASTIFY_REPLY_HOOKS.has(hook) || doneParameter(fn, hook))) return [];
  const reply = paramBinding(fn, 1);
  const body = fn.body;
  if (!reply || !body || !ts.isBlock(body)) return [];
  const sf = fn.getSourceFile();
  if (!sendsThrough(fn, reply, model)) return [];
  const edits: TextEdit[] = [];
  let returnsValue = false;
  const walk = (n: ts.Node): void => {
    if (isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n)) {
      if (n.expression) returnsValue = true;
      else {
        const at = n.getStart(sf) + 'return'.length;
        edits.push({ start: at, end: at, text: ` ${reply.text}` });
      }
      return;
    }
    ts.forEachChild(n, walk);
  };
  walk(body);
  if (returnsValue && edits.length === 0 && !endReachable(body)) return [];
  const last = body.statements[body.statements.length - 1];
  if (last && endReachable(body)) {
    const text = sf.text;
    const lineStart = text.lastIndexOf('\n', last.getStart(sf) - 1) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    edits.push({ start: last.getEnd(), end: last.getEnd(), text: `\n${indent}return ${reply.text};` });
  }
  return edits;
}

/** Whether the function answers through its `reply` parameter: `reply.send(x)`, `reply.code(404).send(x)`. */
function sendsThrough(fn: FunctionLike, reply: ts.Identifier, model: ProjectModel): boolean {
  let sends = false;
  calls(fn, (call) => {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !SENDS.has(callee.name.text)) return;
    let r: ts.Expression = skipOuter(callee.expression);
    while (ts.isCallExpression(r) && ts.isPropertyAccessExpression(skipOuter(r.expression))) r = skipOuter((skipOuter(r.expression) as ts.PropertyAccessExpression).expression);
    if (isParam(r, reply, model)) sends = true;
  });
  return sends;
}

/** Whether control can run off the end of a block (a conservative syntactic check). */
function endReachable(block: ts.Block): boolean {
  const last = block.statements[block.statements.length - 1];
  if (!last) return true;
  return !terminates(last);
}

function terminates(st: ts.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st)) return true;
  if (ts.isBlock(st)) return !endReachable(st);
  if (ts.isIfStatement(st)) return Boolean(st.elseStatement) && terminates(st.thenStatement) && terminates(st.elseStatement!);
  if (ts.isTryStatement(st)) {
    const tryEnds = !endReachable(st.tryBlock);
    const catchEnds = !st.catchClause || !endReachable(st.catchClause.block);
    return (tryEnds && catchEnds) || Boolean(st.finallyBlock && !endReachable(st.finallyBlock));
  }
  return false;
}

/** A Koa middleware that became async awaits `next()`, so the downstream middleware finishes before it goes on. */
export function koaAwaitNextEdits(fn: FunctionLike, model: ProjectModel): TextEdit[] {
  const next = paramBinding(fn, 1);
  if (!next) return [];
  const sf = fn.getSourceFile();
  const edits: TextEdit[] = [];
  calls(fn, (call) => {
    if (!isParam(call.expression, next, model)) return;
    let n: ts.Node = call;
    while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
    if (!n.parent || !ts.isExpressionStatement(n.parent)) return;
    const at = call.getStart(sf);
    edits.push({ start: at, end: at, text: 'await ' });
  });
  return edits;
}

/** The module-export target of a plugin function: `module.exports = fn` / `export default fn`. */
export function isModuleExport(fn: FunctionLike): boolean {
  let n: ts.Node = fn;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (ts.isExportAssignment(p)) return true;
  if (ts.isBinaryExpression(p) && isModuleExports(p.left)) return true;
  if (ts.isFunctionDeclaration(fn) && isExported(fn) && modifiersOf(fn).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) return true;
  return false;
}

// ---- Fastify hooks ----------------------------------------------------------

/** Request/reply hooks (handlers in all but name) → the index of their `done` callback. */
export const FASTIFY_REQUEST_HOOKS = new Map([
  ['onRequest', 2],
  ['preParsing', 3],
  ['preValidation', 2],
  ['preHandler', 2],
  ['preSerialization', 3],
  ['onSend', 3],
  ['onResponse', 2],
  ['onError', 3],
  ['onTimeout', 2],
  ['onRequestAbort', 1],
]);
/** Application hooks Fastify awaits (not handlers) → the index of their `done` callback. */
export const FASTIFY_APP_HOOKS = new Map([
  ['onReady', 0],
  ['onListen', 0],
  ['preClose', 0],
  ['onClose', 1],
]);
/** Hooks Fastify calls synchronously, ignoring what they return. */
export const FASTIFY_SYNC_HOOKS = new Set(['onRoute', 'onRegister']);
/** Hooks whose async form resolves with the (new) payload: `done(null, payload)` is `return payload`. */
const FASTIFY_PAYLOAD_HOOKS = new Set(['preParsing', 'preSerialization', 'onSend']);
/** Hooks that may answer early with `reply.send()`; the async form then resolves with `reply` (Fastify's docs call it mandatory). */
const FASTIFY_REPLY_HOOKS = new Set(['onRequest', 'preValidation', 'preHandler']);

let fastifyHooks = new WeakMap<FunctionLike, string>();

/** Forgets every run's hooks: a run starts with none (typescript/project.ts keeps nodes between runs). */
export function forgetFastifyHooks(): void {
  fastifyHooks = new WeakMap();
}

/** Records that a function is registered as the Fastify hook `hook` (graph.ts), for the edits below. */
export function markFastifyHook(fn: FunctionLike, hook: string): void {
  fastifyHooks.set(fn, hook);
}

/** Whether a function is registered as a Fastify hook and declares its `done` callback. */
export function declaresFastifyDone(fn: FunctionLike | undefined): boolean {
  const hook = fn && fastifyHooks.get(fn);
  return hook !== undefined && Boolean(doneParameter(fn!, hook));
}

function doneParameter(fn: FunctionLike, hook: string): ts.ParameterDeclaration | undefined {
  const index = FASTIFY_REQUEST_HOOKS.get(hook) ?? FASTIFY_APP_HOOKS.get(hook);
  return index === undefined ? undefined : runtimeParameters(fn)[index];
}

type DoneOutcome = { kind: 'continue' } | { kind: 'payload'; value: ts.Expression } | { kind: 'error'; value: ts.Expression };

export type FastifyDonePlan = { edits: TextEdit[]; sends: boolean } | { manual: string };

/**
 * How a hook that takes Fastify's `done` callback becomes async: Fastify
 * rejects an async function that declares `done`, so the parameter goes and
 * each `done(...)` call becomes what an async hook does instead — `done()`
 * `return`, `done(null, payload)` `return payload` (payload hooks),
 * `done(new Error())` or `if (err) done(err)` `throw`. Only calls after which
 * the hook ends are rewritten (the last statement, `return done(...)`,
 * `done(...); return;`, the end of a branch that ends the hook); anything else
 * (a call from a callback, inside try or a loop, `done` passed on, `done(err)`
 * with an error that may be null) is a manual finding with its reason.
 * Undefined when the function declares no `done`.
 */
export function fastifyDonePlan(fn: FunctionLike, hook: string, model: ProjectModel): FastifyDonePlan | undefined {
  const param = doneParameter(fn, hook);
  if (!param) return undefined;
  const sf = fn.getSourceFile();
  const lineOf = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  if (!ts.isIdentifier(param.name)) return { manual: 'its `done` parameter is destructured' };
  if (fn.parameters.length > fn.parameters.indexOf(param) + 1) return { manual: 'it declares parameters after `done`' };
  const body = fn.body;
  if (!body || !ts.isBlock(body)) return { manual: 'its body is a single expression' };
  const done = param.name;
  const refs: ts.Identifier[] = [];
  const collect = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === done.text && model.lookup(n.text, n) === param) {
      const p = n.parent;
      const isName = (ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n);
      if (!isName) refs.push(n);
    }
    ts.forEachChild(n, collect);
  };
  collect(body);
  if (refs.length === 0) return { manual: 'it declares `done` but never calls it' };

  const edits: TextEdit[] = [];
  const converted = new Set<ts.Statement>();
  const isNullish = (e: ts.Expression) => {
    const x = skipOuter(e);
    return x.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(x) && x.text === 'undefined' && !model.lookup('undefined', x));
  };
  for (const ref of refs) {
    const call = ref.parent;
    if (!ts.isCallExpression(call) || call.expression !== ref) return { manual: `it hands \`${done.text}\` on (line ${lineOf(ref)}) instead of calling it` };
    for (let n: ts.Node = call.parent; n !== body; n = n.parent) {
      if (isFunctionLike(n)) return { manual: `\`${done.text}\` is called from a nested function (line ${lineOf(call)}), after the hook has returned` };
    }
    const stmt = call.parent;
    if (!ts.isExpressionStatement(stmt) && !ts.isReturnStatement(stmt)) return { manual: `\`${done.text}(...)\` is used as a value at line ${lineOf(call)}` };
    for (let n: ts.Node = stmt.parent; n !== body; n = n.parent) {
      if (isFunctionLike(n)) return { manual: `\`${done.text}\` is called from a nested function (line ${lineOf(call)}), after the hook has returned` };
      if (!ts.isBlock(n) && !ts.isIfStatement(n)) return { manual: `\`${done.text}\` is called inside ${ts.isTryStatement(n) || ts.isCatchClause(n) ? 'try/catch' : 'a loop or switch'} (line ${lineOf(call)}), where \`return\`/\`throw\` would mean something else` };
    }
    // What the call tells Fastify.
    let outcome: DoneOutcome | undefined;
    const args = call.arguments;
    if (args.length === 0 || (args.length === 1 && isNullish(args[0]!))) outcome = { kind: 'continue' };
    else if (args.length === 2 && isNullish(args[0]!) && FASTIFY_PAYLOAD_HOOKS.has(hook)) outcome = { kind: 'payload', value: args[1]! };
    else if (args.length === 1 && (ts.isNewExpression(skipOuter(args[0]!)) || guardedBy(stmt, args[0]!, model))) outcome = { kind: 'error', value: args[0]! };
    if (!outcome) return { manual: `\`${call.getText(sf)}\` (line ${lineOf(call)}) may pass a null error, which \`throw\` cannot express` };
    // The value keeps its text (other rules may edit inside it): only what surrounds it changes.
    const rewrite = (end: number): TextEdit[] =>
      outcome.kind === 'continue'
        ? [{ start: stmt.getStart(sf), end, text: 'return;' }]
        : [
            { start: stmt.getStart(sf), end: outcome.value.getStart(sf), text: outcome.kind === 'payload' ? 'return ' : 'throw ' },
            { start: outcome.value.getEnd(), end, text: ';' },
          ];
    if (ts.isReturnStatement(stmt)) {
      edits.push(...rewrite(stmt.getEnd()));
      converted.add(stmt);
      continue;
    }
    const next = nextStatement(stmt);
    if (next && ts.isReturnStatement(next) && !next.expression) {
      // `done(x); return;`
      edits.push(...rewrite(next.getEnd()));
      converted.add(stmt);
      converted.add(next);
      continue;
    }
    if (!endsHook(stmt, body)) return { manual: `the hook goes on running after \`${call.getText(sf)}\` (line ${lineOf(call)})` };
    if (stmt.parent === body && outcome.kind === 'continue') edits.push(deleteStatement(stmt, sf));
    else edits.push(...rewrite(stmt.getEnd()));
    converted.add(stmt);
  }

  // The parameter goes (it is the last one).
  const index = fn.parameters.indexOf(param);
  if (index > 0) edits.push({ start: fn.parameters[index - 1]!.getEnd(), end: param.getEnd(), text: '' });
  else if (ts.isArrowFunction(fn) && !fn.getChildren(sf).some((c) => c.kind === ts.SyntaxKind.OpenParenToken)) edits.push({ start: param.getStart(sf), end: param.getEnd(), text: '()' });
  else edits.push({ start: param.getStart(sf), end: param.getEnd(), text: '' });

  // A hook that answered with `reply.send()` and did not call `done` resolves with `reply`.
  const reply = paramBinding(fn, 1);
  const sends = FASTIFY_REPLY_HOOKS.has(hook) && Boolean(reply) && sendsThrough(fn, reply!, model);
  if (sends) {
    const walk = (n: ts.Node): void => {
      if (isFunctionLike(n) || ts.isClassLike(n)) return;
      if (ts.isReturnStatement(n) && !n.expression && !converted.has(n)) {
        const at = n.getStart(sf) + 'return'.length;
        edits.push({ start: at, end: at, text: ` ${reply!.text}` });
      }
      ts.forEachChild(n, walk);
    };
    walk(body);
    const last = body.statements[body.statements.length - 1];
    if (last && !converted.has(last) && endReachable(body)) edits.push(appendStatement(last, `return ${reply!.text};`, sf));
  }
  return { edits, sends };
}

/** `if (err) done(err)` / `if (err) { return done(err); }`: the error is known to be truthy there. */
function guardedBy(stmt: ts.Statement, arg: ts.Expression, model: ProjectModel): boolean {
  const a = skipOuter(arg);
  if (!ts.isIdentifier(a)) return false;
  let s: ts.Node = stmt;
  if (ts.isBlock(s.parent) && s.parent.statements[0] === s) s = s.parent;
  const ifs = s.parent;
  if (!ifs || !ts.isIfStatement(ifs) || ifs.thenStatement !== s) return false;
  const cond = skipOuter(ifs.expression);
  return ts.isIdentifier(cond) && cond.text === a.text && model.lookup(cond.text, cond) === model.lookup(a.text, a);
}

function nextStatement(stmt: ts.Statement): ts.Statement | undefined {
  const p = stmt.parent;
  if (!ts.isBlock(p)) return undefined;
  return p.statements[p.statements.indexOf(stmt) + 1];
}

/** Whether nothing of the hook runs after `stmt`: it is last in its block, up through if-branches, to the body. */
function endsHook(stmt: ts.Statement, body: ts.Block): boolean {
  let s: ts.Node = stmt;
  for (;;) {
    const p = s.parent;
    if (ts.isBlock(p)) {
      if (p.statements[p.statements.length - 1] !== s) return false;
      if (p === body) return true;
      s = p;
    } else if (ts.isIfStatement(p) && p.expression !== s) s = p;
    else return false;
  }
}

/** Removes a statement, with its line when it stands alone on it. */
function deleteStatement(stmt: ts.Statement, sf: ts.SourceFile): TextEdit {
  const text = sf.text;
  const start = stmt.getStart(sf);
  const end = stmt.getEnd();
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*\r?$/.test(text.slice(end, lineEnd))) {
    // The newline before the statement goes with it, so the closing brace keeps its own line.
    const prevEnd = lineStart > 0 ? (text[lineStart - 2] === '\r' ? lineStart - 2 : lineStart - 1) : lineStart;
    return { start: prevEnd, end: text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd, text: '' };
  }
  // `{ a(); done(); }`: the space before it goes too.
  let from = start;
  while (from > lineStart && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
  return { start: from, end, text: '' };
}

function appendStatement(last: ts.Statement, statement: string, sf: ts.SourceFile): TextEdit {
  const text = sf.text;
  const lineStart = text.lastIndexOf('\n', last.getStart(sf) - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return { start: last.getEnd(), end: last.getEnd(), text: `\n${indent}${statement}` };
}

/**
 * Edits for a Fastify hook that became async while declaring `done` (see
 * fastifyDonePlan); empty for anything else.
 */
export function fastifyHookDoneEdits(fn: FunctionLike, model: ProjectModel): TextEdit[] {
  const hook = fastifyHooks.get(fn);
  const plan = hook ? fastifyDonePlan(fn, hook, model) : undefined;
  return plan && 'edits' in plan ? plan.edits : [];
}
