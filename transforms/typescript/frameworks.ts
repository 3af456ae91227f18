// Handlers of the Node frameworks besides Express: how they are registered or
// declared (Fastify and Koa by call; Next.js, NestJS and AWS Lambda by
// convention), and what a handler needs once it is async (Fastify: resolve
// with `reply` after `reply.send`; Koa: `await next()`).
import { ts } from 'ts-morph';
import type { TextEdit } from '../core/types.js';
import { isFunctionLike, isModuleExports, propertyNameText, skipOuter, type FileInfo, type FunctionLike, type ProjectModel, type Value } from './model.js';

export type FrameworkName = 'express' | 'http' | 'fastify' | 'koa' | 'next' | 'nestjs' | 'lambda';

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

function hasDirective(sf: ts.SourceFile, directive: string): boolean {
  for (const st of sf.statements) {
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
  const lambda = framework === 'lambda' || importsFrom(file, (s) => s === 'aws-lambda' || s.startsWith('@aws-sdk/') || s === 'aws-sdk');
  const handler = exportedFunctions(file, model).get('handler');
  // Without a Lambda hint, an exported `handler(event, ...)` is still the convention's shape.
  if (handler && (lambda || isEventParameter(handler.parameters[0])) && handler.parameters.length < 3) {
    out.push({ node: handler, framework: 'lambda', method: 'handler', label: 'Lambda handler' });
  }
  if (framework === 'nestjs' || importsFrom(file, (s) => s === '@nestjs/common')) out.push(...nestRoutes(file, model));
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
  const p = fn.parameters[index];
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
  const reply = paramBinding(fn, 1);
  const body = fn.body;
  if (!reply || !body || !ts.isBlock(body)) return [];
  const sf = fn.getSourceFile();
  let sends = false;
  calls(fn, (call) => {
    const callee = skipOuter(call.expression);
    if (!ts.isPropertyAccessExpression(callee) || !SENDS.has(callee.name.text)) return;
    // `reply.send(x)`, `reply.code(404).send(x)`
    let r: ts.Expression = skipOuter(callee.expression);
    while (ts.isCallExpression(r) && ts.isPropertyAccessExpression(skipOuter(r.expression))) r = skipOuter((skipOuter(r.expression) as ts.PropertyAccessExpression).expression);
    if (isParam(r, reply, model)) sends = true;
  });
  if (!sends) return [];
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
