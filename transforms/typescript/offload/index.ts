// worker-offload: where a function has no async form at all (it queries a
// sync-only SQLite library, or it is CPU-heavy and listed with --offload), its
// callers on async paths run it on a worker thread instead:
//   const user = findUser(id);
//   const user = await runInWorker(require.resolve('./db'), 'findUser', [id]);
// A function is offloaded only when a worker can run it exactly as the main
// thread would: a module-level exported function, no `this`, a module that
// does nothing at load but declare things, no in-memory database, and plain
// data in and out (structured clone). Otherwise the blocking calls stay, each
// reported with the reason.
import { existsSync, readFileSync } from 'node:fs';
import { packageType } from '../toplevel.js';
import * as nodePath from 'node:path';
import { ts } from 'ts-morph';
import type { GraphEdge } from '../../core/plan.js';
import type { NewFile, Safety, TextEdit, ImportRequest } from '../../core/types.js';
import type { FunctionInfo, GraphBuilder } from '../analysis/graph.js';
import { isFunctionLike, isModuleExports, requireSpecifier, skipOuter, type FileInfo, type FunctionLike, type ProjectModel } from '../analysis/model.js';
import { awaitedText } from '../syntax.js';
import { parameterProblem, resultProblem, argumentVerdict, type CloneContext } from './clone.js';
import { HELPER_BASENAME, HELPER_EXPORT, workerHelperSource, type HelperFlavor } from './helper.js';
import { inMemoryReason, type SyncOnlyCall } from './sqlite.js';

import { OFFLOAD_RULE } from './rules.js';

export { OFFLOAD_RULE };

export interface OffloadNamer {
  named(module: string, name: string): { local: string; request?: ImportRequest };
}

export interface OffloadRewrite {
  edits: TextEdit[];
  imports: ImportRequest[];
  message: string;
  safety: Safety;
  needsFile: string;
}

export interface OffloadSite {
  edge: GraphEdge;
  caller: FunctionInfo;
  target: FunctionInfo;
  call: ts.CallExpression;
  rewrite(namer: OffloadNamer): OffloadRewrite;
}

export interface OffloadPlan {
  sites: OffloadSite[];
  /** Why a function that blocks could not be offloaded (by function id). */
  refused: Map<string, string>;
  /** Callers that call an offloadable function directly, with the reason (by the callee's id). */
  directCallers: Map<string, { caller: FunctionInfo; reason: string }[]>;
  /** Calls that would run on a worker if the helper could be created where it would have to go, with the reason it cannot. */
  unplaced: { caller: FunctionInfo; call: ts.CallExpression; reason: string }[];
  helper?: NewFile;
}

export interface OffloadInput {
  builder: GraphBuilder;
  model: ProjectModel;
  root: string;
  compilerModule: ts.ModuleKind | undefined;
  syncOnly: SyncOnlyCall[];
  /** Functions listed with --offload (CPU-heavy), by id. */
  listed: Set<string>;
  /** Why an `await` cannot go where this call is (a parameter default, inside an optional chain), if it cannot. */
  unawaitable(call: ts.CallExpression, caller: FunctionInfo): string | undefined;
  checker: () => ts.TypeChecker;
  /** Where the helper may be created (AdapterRunContext.createIn); undefined: anywhere under the root. */
  createIn?: readonly string[];
}

type ModuleSystem = 'cjs' | 'esm';

export function planOffloads(input: OffloadInput): OffloadPlan {
  const { builder, model } = input;
  const packageTypes = new Map<string, string | undefined>();
  const root = nodePath.resolve(input.root);
  const packageTypeIn = (dir: string) => packageType(dir, root, packageTypes);
  const plan: OffloadPlan = { sites: [], refused: new Map(), directCallers: new Map(), unplaced: [] };
  const queryCalls = new Set<ts.CallExpression>(input.syncOnly.map((s) => s.call));
  const results = new Set(input.syncOnly.filter((s) => !s.iterator).map((s) => s.call));
  const ctx: CloneContext = {
    model,
    checker: input.checker,
    isQueryResult: (c) => results.has(c),
    isQueryCall: (c) => queryCalls.has(c),
    isHandler: (fn) => Boolean(builder.functions.get(fn)?.graph.entry),
  };

  // Functions that block: they hold a sync-only query or are listed.
  const blocking = new Map<string, FunctionInfo>();
  const callsByFn = new Map<string, SyncOnlyCall[]>();
  for (const s of input.syncOnly) {
    const fn = builder.enclosing(s.call);
    if (!fn) continue;
    blocking.set(fn.id, fn);
    push(callsByFn, fn.id, s);
  }
  for (const id of input.listed) {
    const fn = builder.byId.get(id);
    if (fn) blocking.set(id, fn);
  }
  if (blocking.size === 0) return plan;

  const incoming = new Map<string, GraphEdge[]>();
  const outgoing = new Map<string, GraphEdge[]>();
  for (const e of builder.edges) {
    if (e.mode !== 'await') continue;
    push(incoming, e.to, e);
    if (e.from !== null) push(outgoing, e.from, e);
  }

  let helper: { flavor: HelperFlavor; system: ModuleSystem; path?: string } | undefined;
  const pending: { edge: GraphEdge; caller: FunctionInfo; target: FunctionInfo; call: ts.CallExpression; exportName: string }[] = [];
  const queue = [...blocking.values()];
  const seen = new Set(queue.map((f) => f.id));
  const join = (fn: FunctionInfo) => {
    if (seen.has(fn.id)) return;
    seen.add(fn.id);
    queue.push(fn);
  };
  const loadChecks = new Map<FileInfo, string | undefined>();

  while (queue.length) {
    const target = queue.shift()!;
    const exportName = exportNameOf(target, model);
    const problem = offloadProblem(target, exportName, ctx, input, loadChecks, callsByFn, outgoing);
    if (problem) plan.refused.set(target.id, problem);
    const paramsProven = !problem && parameterProblem(target.node, ctx) === undefined;
    for (const e of incoming.get(target.id) ?? []) {
      if (e.from === null) continue;
      const caller = builder.byId.get(e.from);
      if (!caller) continue;
      if (problem) {
        join(caller);
        continue;
      }
      const site = builder.sites.get(e);
      const direct = (reason: string) => {
        push(plan.directCallers, target.id, { caller, reason });
        join(caller);
      };
      if (site?.kind !== 'call') {
        direct('it is not called directly');
        continue;
      }
      const flavor = flavorOf(caller.file, input.compilerModule, packageTypeIn);
      helper ??= { flavor, system: systemOf(flavor) };
      if (flavor !== helper.flavor && !(systemOf(flavor) === 'esm' && helper.flavor === 'cjs')) {
        direct(`\`${caller.graph.name}\` is in a ${describeFlavor(flavor)} module and the worker helper of this run is ${describeFlavor(helper.flavor)}`);
        continue;
      }
      const siteProblem = input.unawaitable(site.call, caller) ?? callSiteProblem(site.call, caller.file, paramsProven, ctx);
      if (siteProblem) {
        direct(siteProblem);
        continue;
      }
      pending.push({ edge: e, caller, target, call: site.call, exportName: exportName! });
    }
  }
  if (!helper || pending.length === 0) return plan;

  const dirs = [...new Set(pending.flatMap((p) => [nodePath.dirname(p.caller.file.absPath), nodePath.dirname(p.target.file.absPath)]))];
  const dir = commonDirectory(dirs);
  const ext = helperExtension(helper.flavor, packageTypeIn(dir));
  const absPath = nodePath.join(dir, HELPER_BASENAME + ext);
  const relPath = toPosix(nodePath.relative(input.root, absPath));
  const source = workerHelperSource(helper.flavor);
  const existing = model.byAbs.get(absPath)?.text ?? (existsSync(absPath) ? safeRead(absPath) : undefined);
  if (existing !== undefined && !existing.includes('awaitify-offload-worker')) {
    for (const p of pending) {
      push(plan.directCallers, p.target.id, { caller: p.caller, reason: `${relPath} exists and is not awaitify's worker helper` });
    }
    return plan;
  }
  // The helper goes where the callers and the functions meet; a run never creates it above or beside the paths it was given.
  if (existing === undefined && input.createIn && !input.createIn.some((d) => isInsideDir(dir, d))) {
    const where = toPosix(nodePath.relative(input.root, dir)) || '.';
    const place = where === '.' ? 'the project root' : `${where}/`;
    const reason = `its worker helper ${relPath} would have to be created in ${place}, outside the directories named in this run (awaitify never creates a file above or beside them); run awaitify on ${place} to create it there`;
    for (const p of pending) {
      plan.refused.set(p.target.id, reason);
      plan.unplaced.push({ caller: p.caller, call: p.call, reason: `\`${p.target.graph.name}\` could run on a worker thread here, but ${reason}.` });
    }
    return plan;
  }
  if (existing === undefined) plan.helper = { path: relPath, text: source };

  for (const p of pending) {
    const callerSystem = systemOf(flavorOf(p.caller.file, input.compilerModule, packageTypeIn));
    plan.sites.push({
      edge: p.edge,
      caller: p.caller,
      target: p.target,
      call: p.call,
      rewrite: (namer) => {
        const helperSpec = specifier(p.caller.file.absPath, absPath, callerSystem);
        const { local, request } = namer.named(helperSpec, HELPER_EXPORT);
        const targetSpec = specifier(p.caller.file.absPath, p.target.file.absPath, callerSystem);
        const same = p.caller.file === p.target.file;
        const moduleRef = callerSystem === 'cjs' ? (same ? '__filename' : `require.resolve('${targetSpec}')`) : same ? 'import.meta.url' : `new URL('${targetSpec}', import.meta.url)`;
        const typeArg = p.caller.file.isTypeScript ? `<typeof ${skipOuter(p.call.expression).getText()}>` : '';
        const args = p.call.arguments.map((a) => a.getText()).join(', ');
        const inner = `${local}${typeArg}(${moduleRef}, '${p.exportName}', [${args}])`;
        const sf = p.caller.file.sf;
        const why = input.listed.has(p.target.id)
          ? `\`${p.target.graph.name}\` is listed with --offload as CPU-heavy`
          : `\`${p.target.graph.name}\` runs SQLite queries synchronously (${[...new Set(transitiveCalls(p.target, callsByFn, outgoing).map((c) => c.value.lib.label))].join(', ') || 'a sync-only library'} has no async API)`;
        return {
          edits: [{ start: p.call.getStart(sf), end: p.call.getEnd(), text: awaitedText(p.call, inner) }],
          imports: request ? [request] : [],
          message: `${why}: the call now runs it on a worker thread through \`${HELPER_EXPORT}\` (${relPath}${plan.helper ? ', created by this run' : ''}), so the event loop keeps serving requests meanwhile. Review: the worker loads ${p.target.file.path} with module state of its own${input.listed.has(p.target.id) ? '' : ' (its own database connection)'}; arguments and the result are structured-cloned (plain data arrives equal; functions and class instances do not cross); errors are rethrown as Error objects with the same name, message and code.`,
          safety: 'review',
          needsFile: relPath,
        };
      },
    });
  }
  return plan;
}

function offloadProblem(
  target: FunctionInfo,
  exportName: string | undefined,
  ctx: CloneContext,
  input: OffloadInput,
  loadChecks: Map<FileInfo, string | undefined>,
  callsByFn: Map<string, SyncOnlyCall[]>,
  outgoing: Map<string, GraphEdge[]>,
): string | undefined {
  const node = target.node;
  if (target.graph.entry) return 'it is a request handler, which the framework calls on the main thread (move the queries into a module-level exported function that it calls)';
  if (!isModuleLevel(node)) return 'it is not a module-level function (a worker can only import what a module exports)';
  const modifiers = ts.getModifiers(node as ts.HasModifiers) ?? [];
  if (modifiers.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return 'it is already async';
  if ((node as ts.FunctionDeclaration).asteriskToken) return 'it is a generator';
  const self = usesThisOrArguments(node);
  if (self) return `it uses \`${self}\``;
  if (exportName === undefined) return 'it is not exported, so a worker cannot import it (export it, or keep the queries in an exported function)';
  const load = loadProblem(target.file, input.model, loadChecks, new Set());
  if (load) return load;
  for (const call of transitiveCalls(target, callsByFn, outgoing)) {
    const memory = inMemoryReason(call.value);
    if (memory) return memory;
  }
  const params = parameterProblem(node, ctx);
  if (params?.verdict === 'no') return `its parameter \`${params.name}\` cannot be structured-cloned (a function or a class instance)`;
  const result = resultProblem(node, ctx);
  if (result) {
    return result.verdict === 'no'
      ? `its result cannot be structured-cloned (line ${result.line}: a function, an iterator or a class instance)`
      : `awaitify cannot show that its result is plain data that survives structured cloning (line ${result.line}); declare a plain-data return type (TypeScript or JSDoc \`@returns\`)`;
  }
  return undefined;
}

/** Sync-only calls in the function and in the project functions it calls. */
function transitiveCalls(target: FunctionInfo, callsByFn: Map<string, SyncOnlyCall[]>, outgoing: Map<string, GraphEdge[]>): SyncOnlyCall[] {
  const out: SyncOnlyCall[] = [];
  const seen = new Set<string>();
  const stack = [target.id];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(...(callsByFn.get(id) ?? []));
    for (const e of outgoing.get(id) ?? []) stack.push(e.to);
  }
  return out;
}

function callSiteProblem(call: ts.CallExpression, file: FileInfo, paramsProven: boolean, ctx: CloneContext): string | undefined {
  const sf = file.sf;
  const where = `${file.path}:${sf.getLineAndCharacterOfPosition(call.getStart(sf)).line + 1}`;
  if (!isNameChain(skipOuter(call.expression))) return `the call at ${where} is not a plain call of an imported name`;
  if (call.questionDotToken || call.typeArguments?.length) return `the call at ${where} uses optional chaining or type arguments`;
  if (paramsProven) return undefined;
  for (const a of call.arguments) {
    const e = ts.isSpreadElement(a) ? a.expression : a;
    if (argumentVerdict(e, ctx) !== 'yes') return `awaitify cannot show that the argument \`${e.getText()}\` at ${where} is plain data that survives structured cloning (give the parameter a plain-data type)`;
  }
  return undefined;
}

function isNameChain(e: ts.Expression): boolean {
  if (ts.isIdentifier(e)) return true;
  return ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.name) && isNameChain(skipOuter(e.expression));
}

function isModuleLevel(node: FunctionLike): boolean {
  if (ts.isFunctionDeclaration(node)) return Boolean(node.name) && ts.isSourceFile(node.parent);
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return false;
  let p: ts.Node = node.parent;
  while (ts.isParenthesizedExpression(p)) p = p.parent;
  if (ts.isVariableDeclaration(p)) return ts.isVariableDeclarationList(p.parent) && ts.isVariableStatement(p.parent.parent) && ts.isSourceFile(p.parent.parent.parent);
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return ts.isExpressionStatement(p.parent) && ts.isSourceFile(p.parent.parent);
  if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) {
    // `module.exports = { find: function () {} }`
    const obj = p.parent;
    const assign = obj.parent;
    return ts.isBinaryExpression(assign) && isModuleExports(assign.left) && ts.isExpressionStatement(assign.parent) && ts.isSourceFile(assign.parent.parent);
  }
  if (ts.isExportAssignment(p)) return true;
  return false;
}

function usesThisOrArguments(fn: FunctionLike): string | undefined {
  let found: string | undefined;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (n !== fn && (ts.isFunctionDeclaration(n) || ts.isFunctionExpression(n) || ts.isClassLike(n) || ts.isMethodDeclaration(n))) return;
    if (n.kind === ts.SyntaxKind.ThisKeyword) found = 'this';
    else if (ts.isIdentifier(n) && n.text === 'arguments' && !ts.isPropertyAccessExpression(n.parent)) found = 'arguments';
    ts.forEachChild(n, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}

/** The name the function's module exports it under ('' for `module.exports = fn`), if it exports it. */
function exportNameOf(fn: FunctionInfo, model: ProjectModel): string | undefined {
  const ex = model.exportsOf(fn.file);
  const names: string[] = [];
  for (const [name, value] of ex.named) {
    if (name === 'default') continue;
    const v = value();
    if (v?.kind === 'function' && v.node === fn.node) names.push(name);
  }
  if (ex.cjs) {
    const v = model.valueOf(ex.cjs);
    if (v?.kind === 'function' && v.node === fn.node) return '';
    if (v?.kind === 'object') {
      for (const p of v.node.properties) {
        const name = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
        if (!name) continue;
        const m = model.member(v, name);
        if (m?.kind === 'function' && m.node === fn.node) names.push(name);
      }
    }
  }
  const own = fn.graph.name.slice(fn.graph.name.lastIndexOf('.') + 1);
  return names.includes(own) ? own : names[0];
}

const START_UP_CALLS = new Set([
  'listen',
  'setInterval',
  'setTimeout',
  'setImmediate',
  'fork',
  'spawn',
  'spawnSync',
  'execSync',
  'execFileSync',
  'writeFileSync',
  'appendFileSync',
  'rmSync',
  'unlinkSync',
  'renameSync',
  'copyFileSync',
  'run',
  'exit',
  'on',
  'once',
  'connect',
  'start',
]);
const SAFE_DDL = /^\s*(create\s+(unique\s+)?(table|index|view|trigger)\s+if\s+not\s+exists\b|pragma\b)/i;

/**
 * Why loading `file` in a worker would do more than declare things: a
 * top-level call that starts a server or timer, writes a file or the
 * database, or registers a process handler (in it or in a project module it
 * imports). `if (require.main === module)` blocks do not run in a worker.
 */
function loadProblem(file: FileInfo, model: ProjectModel, checked: Map<FileInfo, string | undefined>, seen: Set<FileInfo>): string | undefined {
  // Each module is judged once per run, with what it imports; an import cycle counts as clean.
  if (checked.has(file)) return checked.get(file);
  if (seen.has(file)) return undefined;
  seen.add(file);
  const result = loadProblemOf(file, model, checked, seen);
  checked.set(file, result);
  return result;
}

function loadProblemOf(file: FileInfo, model: ProjectModel, checked: Map<FileInfo, string | undefined>, seen: Set<FileInfo>): string | undefined {
  let problem: string | undefined;
  const sf = file.sf;
  const visit = (n: ts.Node): void => {
    if (problem) return;
    if (isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isIfStatement(n) && isMainGuard(n.expression)) return;
    if (ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) {
      const target = model.resolveModule(n.moduleSpecifier.text, file);
      if (target) problem = loadProblem(target, model, checked, seen);
      return;
    }
    if (ts.isCallExpression(n)) {
      const spec = requireSpecifier(n, model);
      if (spec !== undefined) {
        const target = model.resolveModule(spec, file);
        if (target) problem = loadProblem(target, model, checked, seen);
        return;
      }
      const callee = skipOuter(n.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      const ddl = name === 'exec' && n.arguments.length === 1 && ts.isStringLiteralLike(n.arguments[0]!) && n.arguments[0].text.split(';').every((s) => !s.trim() || SAFE_DDL.test(s));
      if (name && (START_UP_CALLS.has(name) || (name === 'exec' && !ddl))) {
        const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
        const text = n.getText(sf).split('\n')[0]!.slice(0, 60);
        problem = `loading ${file.path} in a worker would run its start-up code again (${file.path}:${line}: \`${text}\`); keep the function in a module that only declares things`;
        return;
      }
    }
    ts.forEachChild(n, visit);
  };
  for (const st of sf.statements) visit(st);
  return problem;
}

function isMainGuard(e: ts.Expression): boolean {
  const x = skipOuter(e);
  if (!ts.isBinaryExpression(x)) return false;
  const text = (n: ts.Expression) => skipOuter(n).getText().replace(/\s/g, '');
  const sides = [text(x.left), text(x.right)];
  return sides.includes('require.main') && sides.includes('module');
}

function flavorOf(file: FileInfo, compilerModule: ts.ModuleKind | undefined, packageTypeIn: (dir: string) => string | undefined): HelperFlavor {
  const packageType = packageTypeIn(nodePath.dirname(file.absPath));
  const ext = nodePath.extname(file.path).toLowerCase();
  if (file.isTypeScript) {
    if (ext === '.mts') return 'ts-esm';
    if (ext === '.cts') return 'ts-cjs';
    if (compilerModule === ts.ModuleKind.CommonJS || compilerModule === ts.ModuleKind.AMD || compilerModule === ts.ModuleKind.UMD || compilerModule === ts.ModuleKind.None) return 'ts-cjs';
    if (compilerModule === undefined || compilerModule === ts.ModuleKind.Node16 || compilerModule === ts.ModuleKind.NodeNext || compilerModule === ts.ModuleKind.Node18 || compilerModule === ts.ModuleKind.Node20) {
      return packageType === 'module' ? 'ts-esm' : 'ts-cjs';
    }
    return 'ts-esm';
  }
  if (ext === '.mjs') return 'esm';
  if (ext === '.cjs') return 'cjs';
  if (packageType === 'module') return 'esm';
  return file.sf.statements.some((s) => ts.isImportDeclaration(s) || (ts.isExportDeclaration(s) && !s.isTypeOnly) || ts.isExportAssignment(s)) ? 'esm' : 'cjs';
}

function systemOf(flavor: HelperFlavor): ModuleSystem {
  return flavor === 'esm' || flavor === 'ts-esm' ? 'esm' : 'cjs';
}

function describeFlavor(flavor: HelperFlavor): string {
  return { cjs: 'CommonJS JavaScript', esm: 'ES module JavaScript', 'ts-cjs': 'TypeScript (CommonJS output)', 'ts-esm': 'TypeScript (ES module output)' }[flavor];
}

function helperExtension(flavor: HelperFlavor, packageType: string | undefined): string {
  if (flavor === 'ts-cjs' || flavor === 'ts-esm') return '.ts';
  if (flavor === 'esm') return packageType === 'module' ? '.js' : '.mjs';
  return packageType === 'module' ? '.cjs' : '.js';
}

/** The specifier `from` uses to reach `to`, in the caller's module system (ES modules name the emitted file). */
function specifier(from: string, to: string, system: ModuleSystem): string {
  let rel = toPosix(nodePath.relative(nodePath.dirname(from), to));
  if (!rel.startsWith('.')) rel = `./${rel}`;
  const ext = nodePath.extname(rel);
  const base = rel.slice(0, rel.length - ext.length);
  if (system === 'cjs') {
    if (['.js', '.ts', '.tsx', '.jsx'].includes(ext)) return base;
    return base + ({ '.cts': '.cjs', '.mts': '.mjs' }[ext] ?? ext);
  }
  return base + ({ '.ts': '.js', '.tsx': '.js', '.jsx': '.js', '.mts': '.mjs', '.cts': '.cjs' }[ext] ?? ext);
}

function commonDirectory(dirs: string[]): string {
  let common = dirs[0]!.split(nodePath.sep);
  for (const d of dirs.slice(1)) {
    const parts = d.split(nodePath.sep);
    let i = 0;
    while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
    common = common.slice(0, i);
  }
  return common.join(nodePath.sep) || nodePath.sep;
}

function safeRead(absPath: string): string {
  try {
    return readFileSync(absPath, 'utf8');
  } catch {
    return '';
  }
}

function toPosix(p: string): string {
  return p.split(nodePath.sep).join('/');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function isInsideDir(child: string, parent: string): boolean {
  const rel = nodePath.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !nodePath.isAbsolute(rel));
}
