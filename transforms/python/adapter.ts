// The Python/Django adapter: parse → index → entries → sites → call graph →
// planAsyncPropagation (shared with the TypeScript side) → findings.
import type { PyNode as Node } from './tree.js';
import { NAMED } from './tree.js';
import { dedupeImports } from '../core/imports.js';
import { inScope, outsideScopeBoundary } from '../core/scope.js';
import { applyEdits } from '../core/edits.js';
import { functionKey } from '../core/units.js';
import { awaitLinks, planAsyncPropagation, toMigrationPlan, type CallGraph, type GraphEdge, type GraphFunction, type PropagationResult } from '../core/plan.js';
import type { AdapterFailure, AdapterRunContext, AdapterResult, Finding, ImportRequest, LanguageAdapter, PlanBoundary, Safety, TextEdit } from '../core/types.js';
import { syncToAsyncEdits } from './call-rewrite.js';
import { bridgeEdits, bridgeReason, reachableFunctions, replaceGraphEdges, type BridgeReason } from './bridge.js';
import { buildCallSites, INSTANCE_STOPS, parameterHints, type PyCallSite } from './callgraph.js';
import { callersByCallee, callSitesByCaller, closure, planAccounting, short } from './accounting.js';
import { silentStayListener, silentStays, type StayCandidate } from '../core/silent-stays.js';
import { moveBlock } from './move-block.js';
import { containsYield } from './generators.js';
import { AnalysisContext, awaitEdits, clearLineIndex, FunctionContext, lineColumn, lineIndent, type PythonRule, type Site, type SyncRegion } from './context.js';
import { findEntries } from './entries.js';
import { DJANGO_SYNC_KINDS, type DjangoCaller } from './django-callers.js';
import { clearImportContexts, importContextFor, renderPythonImports, setImportContext, type ImportContext } from './imports.js';
import { DJANGO_MANAGER_API, OrmIndex } from './orm.js';
import { KeptParses } from './kept.js';
import { TreeCache } from './parse-cache.js';
import { field, firstSyntaxError, loadedParser, loadPythonParser, pythonSyntaxError } from './parser.js';
import { nameUses, topLevelImportLocals } from './usage.js';
import { djangoApplicationOf, ProjectBuilder, publishedPackageOf, resolveExpr, type Project, type PyFunction, type PyModule } from './project.js';
import { PYTHON_RULES } from './rules/index.js';
import { atomicRegions } from './rules/transaction-atomic.js';
import { fileRegions } from './rules/file-io-call.js';
import { renderProven } from './rules/lazy-relation.js';
import { foreignMiddlewareFindings } from './rules/middleware-async.js';
import { DEFAULT_DJANGO, DEFAULT_PYTHON, detectPythonTargets } from './targets.js';
import type { PyTree as Tree } from './tree.js';

const SAFETY_RANK: Record<Safety, number> = { safe: 0, review: 1, manual: 2 };
/** Django-called kinds whose plain functions may gain an async twin (nothing of Django's is named like it). */
const TWINNABLE_DJANGO_KINDS = new Set(['context-processor', 'template-tag', 'signal-receiver', 'admin-action']);

export const pythonAdapter: LanguageAdapter = {
  language: 'python',
  extensions: ['.py'],
  rules: PYTHON_RULES.map((r) => r.meta),
  detectTargets: detectPythonTargets,
  analyze: analyzePython,
  renderImports: (path, text, requests) => renderPythonImports(text, requests, importContextFor(path, text)),
  syntaxError: (_path, text) => pythonSyntaxError(text),
};

async function analyzePython(ctx: AdapterRunContext): Promise<AdapterResult> {
  const parser = await loadPythonParser();
  clearImportContexts();
  clearLineIndex();
  const trees = new Map<string, Tree>();
  const failures: AdapterFailure[] = [];
  let done = 0;
  // Each module is indexed as soon as its tree is built, while the parse workers go on with the files after it.
  const builder = new ProjectBuilder(ctx.root, ctx.files);
  // With a memo (a language server's re-analysis), only the files whose text changed are parsed.
  const kept = new KeptParses(ctx.memo);
  await kept.parse(
    parser,
    ctx.files,
    {
      onParsed: () => ctx.progress?.(++done, ctx.files.length),
      ...(ctx.cache ? { cache: TreeCache.open(ctx.cache, parser) } : {}),
      onTree: (i, tree) => {
        const file = ctx.files[i]!;
        const error = firstSyntaxError(tree.rootNode);
        if (error) {
          failures.push({ path: file.path, line: error.line, message: `cannot parse: ${error.message} (line ${error.line}); fix the syntax error and run awaitify again` });
        } else {
          trees.set(file.path, tree);
          builder.add(file, tree);
        }
      },
    },
  );
  try {
    const parsed = failures.length ? ctx.files.filter((f) => trees.has(f.path)) : ctx.files;
    const result = analyzeProject(ctx, builder.finish(parsed, trees), failures, kept);
    kept.finish();
    return result;
  } finally {
    clearLineIndex();
  }
}

interface Emitted {
  finding: Finding;
  module: PyModule;
  /** Inside a function that gets a twin, the edit applies to the sync original as well as the copy. */
  keepInSync?: boolean;
}

function analyzeProject(ctx: AdapterRunContext, project: Project, failures: AdapterFailure[], kept: KeptParses): AdapterResult {
  const targets = { django: ctx.targets.django ?? DEFAULT_DJANGO, python: ctx.targets.python ?? DEFAULT_PYTHON };
  const orm = new OrmIndex(project);
  const ac = new AnalysisContext(project, orm, targets, ctx);
  const entries = findEntries(project, targets.django, { middlewareAsync: ctx.isRuleEnabled('middleware-async') });
  const byId = new Map(project.functions.map((f) => [f.id, f]));
  // Plain functions Django calls synchronously (a context processor, a receiver, a template
  // filter) keep their sync form for Django under `--api twin`, and gain an async twin only when
  // async code awaits them. Methods stay sync (a twin such as `asave` or `aauthenticate` would
  // shadow Django's own async method); async callers run them through sync_to_async.
  const twinOnlyIfAwaited = new Map<string, DjangoCaller>();
  if (ctx.api !== 'replace') {
    for (const [id, c] of entries.djangoCalled) {
      const fn = byId.get(id)!;
      // Another decorator (`@stringfilter`) would wrap the twin too, and may not accept a coroutine function.
      const registrations = new Set((entries.registrations.get(id) ?? []).map((d) => d.id));
      const plain = fn.decorators.every((d) => registrations.has(d.id));
      if (!fn.cls && !fn.parent && plain && TWINNABLE_DJANGO_KINDS.has(c.kind)) twinOnlyIfAwaited.set(id, c);
    }
  }

  // Blocks that move into a thread whole: transaction.atomic first, then file I/O outside them.
  const syncRegions = new Map<string, SyncRegion[]>();
  for (const fn of project.functions) {
    const regions: SyncRegion[] = ctx.isRuleEnabled('transaction-atomic') ? atomicRegions(ac, fn).map((node) => ({ node, kind: 'atomic' as const })) : [];
    if (ctx.isRuleEnabled('file-io-call')) {
      for (const node of fileRegions(ac, fn)) {
        if (!regions.some((r) => r.node.startIndex <= node.startIndex && node.endIndex <= r.node.endIndex)) regions.push({ node, kind: 'file' });
      }
    }
    if (regions.length) syncRegions.set(fn.id, regions);
  }

  const rules = PYTHON_RULES.filter((r): r is PythonRule & Required<Pick<PythonRule, 'detect'>> => Boolean(r.detect) && ctx.isRuleEnabled(r.meta.id));
  const resolvedCalls = new Set<number>();
  const detectSites = (fn: PyFunction): Site[] => {
    const fc = new FunctionContext(ac, fn, syncRegions.get(fn.id) ?? [], entries);
    fc.resolvedCalls = resolvedCalls;
    const claimed = new Set<number>();
    const sites: Site[] = [];
    for (const rule of rules) {
      for (const s of rule.detect(fc)) {
        const keys = [s.node.id, ...(s.claims ?? []).map((c) => c.id)];
        if (keys.some((k) => claimed.has(k))) continue;
        for (const k of keys) claimed.add(k);
        sites.push(s);
      }
    }
    return sites;
  };

  // What every caller passes types a helper's parameters (`book` is a Book), before any rule looks.
  // A helper passing its own parameter on is typed once its callers are: a few rounds.
  for (let round = 0; round < 3; round++) {
    const hints = parameterHints(orm, buildCallSites(project, orm, syncRegions));
    const before = orm.paramHints.size;
    orm.setParamHints(hints);
    if (orm.paramHints.size === before) break;
  }
  orm.finishParamHints();

  const sitesByFn = new Map<string, Site[]>();
  for (const fn of project.functions) {
    const sites = detectSites(fn);
    if (sites.length) sitesByFn.set(fn.id, sites);
  }

  // Every operation of a function that may become async is accounted for: converted by a site,
  // a project call (awaited, or wrapped when it blocks), wrapped, or known harmless. Statements
  // with unaccounted operations move into a sync_to_async block; when they cannot, the function stays sync.
  const wrapAllowed = ctx.willApply('review') && ctx.isRuleEnabled('sync-to-async-wrap');
  const accounting = planAccounting({
    ac,
    entries,
    sitesByFn,
    regionsOf: (fn) => syncRegions.get(fn.id) ?? [],
    calls: buildCallSites(project, orm, syncRegions),
    resolvedCalls,
    willApply: (safety) => ctx.willApply(safety),
    wrapAllowed,
    renderProven,
  });
  const groupSites = new Map<string, Site[]>();
  for (const [id, groups] of accounting.groups) {
    const fn = byId.get(id)!;
    const inGroup = (node: Node) => groups.some((g) => g.statements.some((s) => s.startIndex <= node.startIndex && node.endIndex <= s.endIndex));
    const regions: SyncRegion[] = [...(syncRegions.get(id) ?? []).filter((r) => !inGroup(r.node)), ...groups.flatMap((g) => g.statements.map((node) => ({ node, kind: 'sync' as const })))];
    syncRegions.set(id, regions);
    const fc = new FunctionContext(ac, fn, regions, entries);
    const sta = fc.namedImport('asgiref.sync', 'sync_to_async');
    const sites: Site[] = [];
    groups.forEach((g, i) => {
      const moved = moveBlock(fc, g.statements, i === 0 ? '_sync_block' : `_sync_block_${i + 1}`, (name, args) => `await ${sta.local}(${name})(${args.join(', ')})`);
      if ('problem' in moved) return;
      const rule = g.ops.some((o) => o.rule === 'form-call') ? 'form-call' : 'sync-to-async-wrap';
      const what = g.ops.slice(0, 3).map((o) => `${o.message} (line ${o.line})`).join('; ');
      const more = g.ops.length > 3 ? `; and ${g.ops.length - 3} more` : '';
      sites.push(
        fc.site(
          rule,
          g.statements[0],
          'review',
          `${what}${more}. awaitify cannot account for ${g.ops.length === 1 ? 'this operation' : 'these operations'} in async code, so ${g.statements.length === 1 ? 'the statement moves' : `these ${g.statements.length} statements move`} into ${moved.name}() and ${g.statements.length === 1 ? 'runs' : 'run'} through sync_to_async (thread-sensitive, one thread hop)${moved.io ? `; the block ${moved.io}` : ''}`,
          moved.edits,
          { imports: [sta], seed: false },
        ),
      );
    });
    groupSites.set(id, sites);
  }
  for (const id of accounting.groups.keys()) {
    const sites = [...detectSites(byId.get(id)!), ...(groupSites.get(id) ?? [])];
    if (sites.length) sitesByFn.set(id, sites);
    else sitesByFn.delete(id);
  }

  const callSites = buildCallSites(project, orm, syncRegions);
  // Each function's own call sites in callSites' order (a scan of every call per function was 5% of a saleor run).
  const callSitesOf = callSitesByCaller(callSites);
  const seedsOf = (fn: PyFunction) => (sitesByFn.get(fn.id) ?? []).filter((s) => s.seed && ctx.willApply(s.safety)).length;
  // A nested function handed to other code (sync_to_async, a callback) has no twin: it stays sync.
  const handedOver = new Map<string, { kind: string; reason: string }>();
  for (const cs of callSites) {
    if (cs.edge.mode === 'stop' && cs.callee.parent && cs.edge.stopKind === 'callback' && !entries.entries.has(cs.callee.id)) {
      handedOver.set(cs.callee.id, { kind: 'callback', reason: cs.edge.stopReason ?? 'it is passed as a value' });
    }
  }
  // Functions whose unaccounted work cannot be wrapped stay sync; a class-based view's handlers with them.
  const accountingBlock = new Map<string, { kind: string; reason: string }>();
  for (const [id, b] of accounting.blocked) accountingBlock.set(id, { kind: 'unaccounted', reason: b.reason });
  for (const cbv of entries.cbvs) {
    const blockedOne = cbv.handlers.find((h) => accounting.blocked.has(h.id));
    if (!blockedOne) continue;
    for (const h of cbv.handlers) {
      if (!accountingBlock.has(h.id) && !h.isAsync) accountingBlock.set(h.id, { kind: 'class-based-view', reason: `${blockedOne.qualname} of the same class-based view stays sync (${accounting.blocked.get(blockedOne.id)!.reason})` });
    }
  }
  const graphFns: GraphFunction[] = project.functions.map((fn) => {
    const { line, column } = lineColumn(fn.module.text, fn.node.startIndex);
    const unaccounted = accountingBlock.get(fn.id);
    const cannot = unaccounted ?? (twinOnlyIfAwaited.has(fn.id) ? undefined : (entries.cannotBeAsync.get(fn.id) ?? handedOver.get(fn.id)));
    return {
      id: fn.id,
      path: fn.module.path,
      name: fn.qualname,
      line,
      column,
      ...(entries.entries.has(fn.id) ? { entry: entries.entries.get(fn.id) } : {}),
      alreadyAsync: fn.isAsync,
      seeds: seedsOf(fn),
      ...(cannot && !fn.isAsync ? { cannotBeAsync: cannot } : {}),
    };
  });
  const options = {
    entry: ctx.entry,
    api: ctx.api === 'replace' ? ('replace' as const) : ('twin' as const),
    matchesEntryGlob: (f: GraphFunction) => globMatch(ctx.entry, f),
    scope: ctx.scope,
  };
  // Calls that must stay sync but may call an async function through async_to_sync.
  const graphFnById = new Map(graphFns.map((f) => [f.id, f]));
  const bridges = new Map<PyCallSite, BridgeReason>();
  for (const cs of callSites) {
    const caller = cs.caller ? graphFnById.get(cs.caller.id) : undefined;
    const why = bridgeReason(cs, caller?.cannotBeAsync);
    // A call outside the run's paths cannot be rewritten through async_to_sync: the planner keeps its callee sync for it.
    if (why && inScope(ctx.scope, cs.module.path)) bridges.set(cs, why);
  }
  // Under `--api replace` a bridged call does not pin its callee: the planner sees it as detached.
  const reachable = reachableFunctions(graphFns, callSites.map((s) => s.edge), ctx.entry, (f) => Boolean(f.entry) || (ctx.entry !== 'all' && options.matchesEntryGlob(f)));
  const bridgedEdges = new Set([...bridges.keys()].map((cs) => cs.edge));
  const planned = options.api === 'replace' ? replaceGraphEdges(callSites.map((s) => s.edge), bridgedEdges, reachable) : callSites.map((s) => s.edge);
  // A call of an async generator function is iterated with `async for`, never awaited.
  const edges = planned.map((e) => (e.mode === 'await' && asyncGenerator(byId.get(e.to)) ? { ...e, mode: 'detached' as const } : e));
  const siteByEdge = new Map(edges.map((e, i) => [e, callSites[i]]));
  const graph: CallGraph = { functions: graphFns, edges };
  const untypedCalls = untypedMethodCalls(project, orm, new Set(callSites.map((cs) => cs.node.id)));
  // Calls of each function as the planner sees them, to find the sync callers a plan would break.
  const incomingSites = new Map<string, [GraphEdge, PyCallSite][]>();
  edges.forEach((e, i) => {
    const list = incomingSites.get(e.to) ?? [];
    list.push([e, callSites[i]]);
    incomingSites.set(e.to, list);
  });
  // Functions the plan would change in place although a caller keeps calling them synchronously.
  const keptSync = new Map<string, PlanBoundary>();
  const forced = new Map<string, string>();
  const twins = new Map<string, { name: string; existing: boolean }>();
  // The manage.py above each module (looked up on disk once per module, not once per planning round).
  const applicationOf = new Map<PyModule, string | undefined>();
  const djangoApplication = (module: PyModule) => {
    if (!applicationOf.has(module)) applicationOf.set(module, djangoApplicationOf(project.root, module.path));
    return applicationOf.get(module);
  };
  // What outside code may import: not nested, no `_name` on the function, its class or its
  // module path, and not a test module.
  const isPublicApi = (fn: PyFunction): boolean => {
    if (fn.parent || /^_[^_]/.test(fn.name) || (fn.cls && /^_/.test(fn.cls.name))) return false;
    const segments = fn.module.path.replace(/\.py$/, '').split('/');
    if (segments.some((seg) => /^_[^_]/.test(seg))) return false;
    return !segments.some((seg) => /^tests?$|^test_|_tests?$|^conftest$/.test(seg));
  };
  const packageOf = new Map<PyModule, string | undefined>();
  const publishedPackage = (module: PyModule) => {
    if (!packageOf.has(module)) packageOf.set(module, publishedPackageOf(project.root, module.path));
    return packageOf.get(module);
  };
  // Why a function that changes in place (`def` → `async def`, no twin) is a review change, not a
  // safe one: callers awaitify cannot see get a coroutine.
  // - Chosen by `--entry all` or a glob, and neither Django nor project code calls it (a test
  //   runner, another package, a tool may); one shaped like a view (`request` first) is taken
  //   for a view routed where awaitify cannot see.
  // - A public function of a published package (a reusable app, a library): code outside the
  //   project that imports it, wraps it (a sync decorator) or, for a method, overrides it and
  //   calls super().
  const inPlaceReview = (id: string): { kind: 'unseen' | 'package'; text: string } | undefined => {
    if (twins.has(id) || forced.has(id)) return undefined;
    const fn = byId.get(id)!;
    const g = graphFnById.get(id)!;
    const chosen = (ctx.entry === 'all' && g.seeds > 0) || options.matchesEntryGlob(g);
    const viewShaped = !fn.cls && fn.paramNames[0] === 'request';
    if (chosen && !viewShaped && !entries.entries.has(id) && !(incomingSites.get(id) ?? []).some(([e]) => e.mode !== 'detached')) {
      return { kind: 'unseen', text: 'nothing in the project calls it, so code awaitify cannot see (another package, a test runner, a tool) that calls it now gets a coroutine' };
    }
    const pkg = isPublicApi(fn) ? publishedPackage(fn.module) : undefined;
    if (pkg) {
      return {
        kind: 'package',
        text: `it is public API of a published package (${pkg}), so code outside the project that imports it, wraps it in a sync decorator${fn.cls ? ' or overrides it in a subclass and calls super()' : ''} now gets a coroutine`,
      };
    }
    return undefined;
  };
  let result: PropagationResult;
  for (;;) {
    result = planAsyncPropagation(graph, options);

    // A class-based view's handlers change together: when one becomes async, all do.
    forced.clear();
    for (const cbv of entries.cbvs) {
      if (cbv.blocked) continue;
      const asyncOne = cbv.handlers.find((h) => h.isAsync || result.async.has(h.id));
      if (!asyncOne) continue;
      for (const h of cbv.handlers) {
        if (h.isAsync || result.async.has(h.id) || graphFnById.get(h.id)?.cannotBeAsync) continue;
        const g = graphFnById.get(h.id)!;
        g.seeds = Math.max(1, g.seeds);
        forced.set(h.id, asyncOne.name);
      }
    }
    if (forced.size) result = planAsyncPropagation(graph, options);

    twins.clear();
    // A middleware's __call__ keeps its sync path and gains an async copy (under any --api).
    for (const [id, name] of entries.asyncTwins) if (result.async.has(id)) twins.set(id, { name, existing: false });
    if (options.api === 'twin') {
      // Helpers keep their sync form beside the async twin; entry points (Django calls them by
      // reference, so a twin would never be used) and, under `--entry all` or a glob, the
      // functions chosen as entries change in place unless a sync caller needs them.
      for (const [id, planned] of result.async) {
        const fn = byId.get(id)!;
        const g = graphFnById.get(id)!;
        if (entries.entries.has(id) || forced.has(id) || fn.parent || twinOnlyIfAwaited.has(id)) continue;
        const chosen = (ctx.entry === 'all' && g.seeds > 0) || options.matchesEntryGlob(g);
        if (chosen && !planned.twin) continue;
        twins.set(id, twinName(fn));
      }
    }

    // No sync code may keep calling a function made async in place: a function with a caller
    // that stays sync (a stop edge, a caller left sync, the sync half of a twin) and no
    // async_to_sync bridge gets a twin when it can have one (a helper under --api twin), and
    // otherwise stays sync (an entry point, a nested function, anything under --api replace),
    // with everything that depended on it planned again.
    const current = result;
    const syncCaller = (id: string): PlanBoundary | undefined => {
      const name = byId.get(id)!.qualname;
      for (const [e, cs] of incomingSites.get(id) ?? []) {
        if (e.mode === 'detached') continue;
        // Django holds entry points by reference (`return middleware` in a factory); as for handedOver above.
        if (e.mode === 'stop' && e.stopKind === 'callback' && entries.entries.has(id)) continue;
        if (bridges.has(cs) && !(cs.caller && e.mode === 'await' && (cs.caller.isAsync || current.async.has(cs.caller.id)))) continue;
        const caller = cs.caller?.qualname ?? '<module>';
        // A call outside the run's paths never changes (it cannot await, nor call a twin).
        if (!inScope(ctx.scope, cs.module.path)) return outsideScopeBoundary(e.site, caller, { name, path: byId.get(id)!.module.path, line: graphFnById.get(id)!.line });
        const at = { ...e.site, function: caller, callee: name };
        if (e.mode === 'stop') return { ...at, kind: e.stopKind ?? 'sync-caller', reason: `${caller} calls it synchronously (${e.stopReason ?? 'it needs a synchronous result'})` };
        if (!cs.caller) return { ...at, kind: 'module-top-level', reason: 'module top-level code calls it synchronously' };
        // A function nested in a twin is copied with it, so the copy calls the copy.
        const callee = byId.get(id)!;
        const nestedIn = callee.module === cs.caller.module && cs.caller.outer.startIndex <= callee.outer.startIndex && callee.outer.endIndex <= cs.caller.outer.endIndex;
        if (twins.has(cs.caller.id) && !nestedIn) return { ...at, kind: 'sync-caller', reason: `${caller} keeps its sync form, which calls it synchronously` };
        if (!cs.caller.isAsync && !current.async.has(cs.caller.id)) {
          const why = graphFnById.get(cs.caller.id)?.cannotBeAsync?.reason;
          return { ...at, kind: 'sync-caller', reason: `${caller} stays sync${why ? ` (${why})` : ''} and calls it synchronously` };
        }
      }
      // `admin.has_module_permission(request)` on a receiver awaitify cannot type may reach any
      // method of that name, and that call stays as it is: keep the method's sync form.
      const method = byId.get(id)!;
      const untyped = method.cls && !entries.entries.has(id) ? untypedCalls.get(method.name) : undefined;
      if (untyped) {
        return { ...untyped.site, function: untyped.caller, callee: name, kind: 'untyped-call', reason: `${untyped.text}() at ${untyped.site.path}:${untyped.site.line} may call it (awaitify cannot tell the receiver's type), and that call stays synchronous` };
      }
      return undefined;
    };
    // Whether code that is (or becomes) async calls the function with a call it can await.
    const awaitedFromAsync = (id: string): boolean =>
      (incomingSites.get(id) ?? []).some(([e, cs]) => e.mode === 'await' && cs.node.type === 'call' && Boolean(cs.caller) && (cs.caller!.isAsync || current.async.has(cs.caller!.id)));
    let replan = false;
    for (let changed = true; changed; ) {
      changed = false;
      for (const id of result.async.keys()) {
        if (twins.has(id) || keptSync.has(id)) continue;
        const django = twinOnlyIfAwaited.get(id);
        if (django) {
          const fn = byId.get(id)!;
          if (awaitedFromAsync(id)) {
            twins.set(id, twinName(fn));
          } else {
            keptSync.set(id, { ...lineColumnOf(fn), path: fn.module.path, function: 'Django', callee: fn.qualname, kind: django.kind, reason: django.reason });
            replan = true;
          }
          changed = true;
          continue;
        }
        const blocker = syncCaller(id);
        if (!blocker) continue;
        const fn = byId.get(id)!;
        if (options.api === 'twin' && !entries.entries.has(id) && !forced.has(id) && !fn.parent) {
          twins.set(id, twinName(fn));
        } else {
          keptSync.set(id, blocker);
          replan = true;
        }
        changed = true;
      }
    }
    // A twin nothing awaits is dead code: a module-private function or a class-private method
    // (`_name`: no outside code calls it, in a published package too; chosen under `--entry
    // all` or a glob), or any module-level function or method of a Django application (see
    // djangoApplicationOf), whose callers all stay sync keeps only its sync form. A method
    // keeps its twin while code that becomes async awaits any method of that name: an override
    // may be reached through the base's twin (`await handler.asend()` on a subclass instance
    // must run the subclass's own async copy, not the base's).
    const awaitedMethodNames = new Set<string>();
    for (const id of new Set([...twins.keys(), ...result.async.keys()])) {
      const fn = byId.get(id)!;
      if (fn.cls && awaitedFromAsync(id)) awaitedMethodNames.add(fn.name);
    }
    for (const id of [...twins.keys()]) {
      const fn = byId.get(id)!;
      if (entries.asyncTwins.has(id) || keptSync.has(id) || awaitedFromAsync(id)) continue;
      if (fn.cls && awaitedMethodNames.has(fn.name)) continue;
      const isPrivate = /^_[^_]/.test(fn.name);
      const app = isPrivate ? undefined : djangoApplication(fn.module);
      if (!isPrivate && app === undefined) continue;
      twins.delete(id);
      const [edge, site] = (incomingSites.get(id) ?? []).find(([e]) => e.mode !== 'detached') ?? [];
      keptSync.set(id, {
        ...(edge ? edge.site : { ...lineColumnOf(fn), path: fn.module.path }),
        function: site?.caller?.qualname ?? '<module>',
        callee: fn.qualname,
        kind: 'sync-caller',
        reason: isPrivate
          ? `${fn.qualname} is private to its ${fn.cls ? 'class' : 'module'} and no code that becomes async calls it${fn.cls ? ' (nor a method of that name)' : ''}, so an async twin would never be used`
          : `${fn.qualname} belongs to a Django application (${app}), which no outside code imports, and no code that becomes async calls it${fn.cls ? ' (nor a method of that name)' : ''}, so an async twin would never be used`,
      });
      replan = true;
    }
    // A function whose change in place is a review change (inPlaceReview) stays sync when this
    // run does not apply review changes; otherwise its safe awaits would land in a sync def.
    if (!ctx.willApply('review')) {
      for (const id of [...result.async.keys()]) {
        if (keptSync.has(id) || byId.get(id)!.isAsync) continue;
        const review = inPlaceReview(id);
        if (!review) continue;
        const fn = byId.get(id)!;
        keptSync.set(id, {
          ...lineColumnOf(fn),
          path: fn.module.path,
          function: review.kind === 'unseen' ? 'code awaitify cannot see' : 'code outside the project',
          callee: fn.qualname,
          kind: 'unaccounted',
          reason: `becoming async is a review change (${review.text}), which this run does not apply`,
        });
        replan = true;
      }
    }
    // A function that becomes async calls a sync project function that may query or block only
    // through sync_to_async (review): when this run does not apply that, the function stays sync.
    if (!wrapAllowed) {
      for (const id of [...result.async.keys()]) {
        if (keptSync.has(id)) continue;
        for (const cs of callSitesOf.get(id) ?? []) {
          if (cs.edge.mode !== 'await' || cs.node.type !== 'call' || cs.callee.isAsync || result.async.has(cs.callee.id)) continue;
          if (accounting.harmless(cs.callee, cs.node)) continue;
          const fn = byId.get(id)!;
          keptSync.set(id, {
            ...cs.edge.site,
            function: fn.qualname,
            callee: cs.callee.qualname,
            kind: 'unaccounted',
            reason: `it calls ${cs.callee.qualname}(), which stays sync and may query or block; running it through sync_to_async is a review change, which this run does not apply`,
          });
          replan = true;
          break;
        }
      }
    }
    if (!replan) break;
    for (const [id, b] of keptSync) {
      const g = graphFnById.get(id)!;
      g.cannotBeAsync ??= { kind: b.kind, reason: b.reason };
      // Django needs all handlers of a class-based view sync or all async.
      for (const cbv of entries.cbvs) {
        if (!cbv.handlers.some((h) => h.id === id)) continue;
        for (const h of cbv.handlers) {
          const hg = graphFnById.get(h.id)!;
          if (!h.isAsync) hg.cannotBeAsync ??= { kind: 'class-based-view', reason: `${byId.get(id)!.qualname} of the same class-based view stays sync (${b.reason})` };
        }
      }
    }
  }
  for (const [id, b] of keptSync) {
    const fn = byId.get(id)!;
    result.boundaries.push({ ...b, reason: `${fn.qualname} stays sync: ${b.reason}` });
  }

  const isAsyncNow = (id: string) => result.async.has(id) || Boolean(byId.get(id)?.isAsync);
  // Functions on a handler path: reachable from an entry point (under any --entry).
  const onHandlerPath = ctx.entry === 'all' ? reachableFunctions(graphFns, edges, 'handlers', (f) => Boolean(f.entry)) : result.reachable;
  const blockingLines = (fn: PyFunction) =>
    [...new Set((sitesByFn.get(fn.id) ?? []).filter((s) => s.seed).map((s) => lineColumn(fn.module.text, s.node.startIndex).line))].sort((a, b) => a - b);
  // What the silent-stay check looks at: functions on a handler path that do not change and block,
  // or call a function that becomes async in place (a call that can no longer run it as before).
  const stayCandidates = (): StayCandidate[] => {
    const callsOfAsync = new Map<string, number[]>();
    for (const cs of callSites) {
      if (!cs.caller || cs.edge.mode === 'detached' || cs.callee.isAsync || !result.async.has(cs.callee.id) || twins.has(cs.callee.id)) continue;
      callsOfAsync.set(cs.caller.id, [...(callsOfAsync.get(cs.caller.id) ?? []), cs.edge.site.line]);
    }
    return project.functions
      .filter((fn) => onHandlerPath.has(fn.id) && !isAsyncNow(fn.id) && !twins.has(fn.id))
      .map((fn) => ({
        path: fn.module.path,
        name: fn.name,
        qualname: fn.qualname,
        line: lineColumn(fn.module.text, fn.node.startIndex).line,
        blocksAt: [...new Set([...blockingLines(fn), ...(callsOfAsync.get(fn.id) ?? [])])].sort((a, b) => a - b),
      }))
      .filter((c) => c.blocksAt.length > 0);
  };
  // Under `--entry all` (or a glob) a function Django calls synchronously was chosen but stays sync: say which Django caller keeps it.
  const chosenButDjangoCalled = (fn: PyFunction): string | undefined => {
    const boundary = entries.cannotBeAsync.get(fn.id);
    if (!boundary || !DJANGO_SYNC_KINDS.has(boundary.kind)) return undefined;
    return ctx.entry === 'all' || options.matchesEntryGlob(graphFnById.get(fn.id)!) ? boundary.reason : undefined;
  };
  // Whether code that is (or becomes) async calls the function: it runs the call through sync_to_async, and that finding names it.
  const calledFromAsync = new Set(callSites.filter((cs) => cs.caller && cs.node.type === 'call' && cs.edge.mode === 'await' && isAsyncNow(cs.caller.id)).map((cs) => cs.callee.id));
  // Why a function on a handler path that does not change stays sync: a boundary of its own (said
  // per class for DRF classes and classes deriving from a base awaitify cannot see), or, under
  // `--api replace`, a caller that cannot await it. Not when async code runs it through sync_to_async.
  const handlerPathStay = (fn: PyFunction): string | undefined => {
    if (!onHandlerPath.has(fn.id) || calledFromAsync.has(fn.id) || isAsyncNow(fn.id) || twins.has(fn.id)) return undefined;
    const boundary = entries.cannotBeAsync.get(fn.id);
    if (boundary) return entries.syncClasses.some((c) => c.kind === boundary.kind) ? undefined : boundary.reason;
    const pin = result.pinned.get(fn.id);
    return pin ? `${pin.function} calls it at ${pin.path}:${pin.line} and cannot await it (${pin.reason})` : undefined;
  };

  const emitted: Emitted[] = [];
  const emit = (module: PyModule, node: Node, rule: string, safety: Safety, message: string, edits: TextEdit[], imports?: ImportRequest[], keepInSync = false) => {
    const start = lineColumn(module.text, node.startIndex);
    const end = lineColumn(module.text, node.endIndex);
    emitted.push({
      module,
      keepInSync,
      finding: {
        rule,
        path: module.path,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        message,
        safety,
        edits,
        ...(imports?.length ? { imports } : {}),
      },
    });
  };

  // Blocking sites in code that is (or becomes) async.
  const reportedSync = new Set<string>();
  for (const fn of project.functions) {
    const sites = sitesByFn.get(fn.id);
    if (!sites) continue;
    if (isAsyncNow(fn.id)) {
      for (const s of sites) if (!s.onlyIfSync) emit(fn.module, s.node, s.rule, s.safety, s.message, s.edits, s.imports);
      continue;
    }
    const boundaryKind = entries.cannotBeAsync.get(fn.id)?.kind;
    const decorated = (boundaryKind === 'decorator' || boundaryKind === 'generator') && result.reachable.has(fn.id) ? entries.cannotBeAsync.get(fn.id)!.reason : undefined;
    const blocked =
      entries.blockedViews.get(fn.id) ??
      (entries.cannotBeAsync.get(fn.id)?.kind === 'class-based-view' ? entries.cannotBeAsync.get(fn.id)!.reason : undefined) ??
      keptSync.get(fn.id)?.reason ??
      accountingBlock.get(fn.id)?.reason ??
      decorated ??
      chosenButDjangoCalled(fn) ??
      handlerPathStay(fn);
    const idle = blocked === accountingBlock.get(fn.id)?.reason && accounting.blocked.get(fn.id)?.idle && !result.reachable.has(fn.id);
    if (blocked && !idle && sites.some((s) => s.seed)) {
      const lines = blockingLines(fn);
      const rule = accountingBlock.has(fn.id) && blocked === accountingBlock.get(fn.id)!.reason ? (accounting.blocked.get(fn.id)?.rule ?? 'async-propagation') : 'async-propagation';
      emit(fn.module, field(fn.node, 'name') ?? fn.node, rule, 'manual', `${fn.qualname} stays sync: ${blocked}. It blocks at line ${lines.join(', ')}`, []);
      reportedSync.add(fn.id);
    }
    // A blocking HTTP call awaitify cannot rewrite (a requests.Session, stream=True) on a handler
    // path is reported even where nothing else makes the function async.
    if (result.reachable.has(fn.id)) {
      for (const s of sites) if (s.rule === 'requests-call' && s.safety === 'manual') emit(fn.module, s.node, s.rule, s.safety, s.message, s.edits, s.imports);
      // A view left sync whose template evaluates a QuerySet awaitify could not evaluate in the view.
      if (!reportedSync.has(fn.id)) for (const s of sites) if (s.onlyIfSync) emit(fn.module, s.node, s.rule, s.safety, s.message, s.edits, s.imports);
    }
  }

  // A function kept sync by work awaitify cannot account for, which would otherwise await an async function.
  for (const [id, b] of accountingBlock) {
    const fn = byId.get(id)!;
    if (reportedSync.has(id) || isAsyncNow(id) || (accounting.blocked.get(id)?.idle && !result.reachable.has(id))) continue;
    const awaits = (callSitesOf.get(id) ?? []).find((cs) => cs.edge.mode === 'await' && cs.node.type === 'call' && isAsyncNow(cs.callee.id));
    if (!awaits && !entries.entries.has(id)) continue;
    if (!awaits && !(sitesByFn.get(id) ?? []).some((s) => s.seed)) continue;
    emit(fn.module, field(fn.node, 'name') ?? fn.node, accounting.blocked.get(id)?.rule ?? 'async-propagation', 'manual', `${fn.qualname} stays sync: ${b.reason}`, []);
  }

  // An entry point left sync only because a helper it calls that blocks stays sync: kept by work awaitify
  // cannot account for, by a boundary of its own (a model method, a base awaitify cannot see), or by
  // a caller that cannot await it.
  const keptHelper = (callee: PyFunction): { rule: string; reason: string } | undefined => {
    if (seedsOf(callee) === 0 || callee.isAsync || isAsyncNow(callee.id)) return undefined;
    const b = accounting.blocked.get(callee.id);
    if (b) return b;
    const boundary = entries.cannotBeAsync.get(callee.id);
    const why = boundary?.reason ?? (result.pinned.get(callee.id) ? handlerPathStay(callee) : undefined);
    return why ? { rule: 'async-propagation', reason: `${why}; it blocks at line ${blockingLines(callee).join(', ')}` } : undefined;
  };
  for (const fn of project.functions) {
    if (!entries.entries.has(fn.id) || fn.isAsync || isAsyncNow(fn.id) || reportedSync.has(fn.id) || accountingBlock.has(fn.id) || keptSync.has(fn.id)) continue;
    let kept: { rule: string; reason: string } | undefined;
    const cs = (callSitesOf.get(fn.id) ?? []).find((c) => c.node.type === 'call' && (kept = keptHelper(c.callee)));
    if (!cs || !kept) continue;
    const line = lineColumn(fn.module.text, cs.node.startIndex).line;
    emit(fn.module, field(fn.node, 'name') ?? fn.node, kept.rule, 'manual', `${fn.qualname} stays sync: it calls ${cs.callee.qualname}() at line ${line}, which stays sync (${cs.callee.module.path}: ${kept.reason})`, []);
    reportedSync.add(fn.id);
  }

  // An entry point whose blocking operations all have review rewrites (a thread hop on an older
  // Django, a sync block) stays sync when this run does not apply review changes: say so, with them.
  if (!ctx.willApply('review')) {
    for (const fn of project.functions) {
      if (!entries.entries.has(fn.id) || fn.isAsync || isAsyncNow(fn.id) || reportedSync.has(fn.id)) continue;
      const held = (sitesByFn.get(fn.id) ?? []).filter((s) => s.seed && s.safety === 'review');
      if (!held.length || (sitesByFn.get(fn.id) ?? []).some((s) => s.seed && ctx.willApply(s.safety))) continue;
      const ops = held.map((s) => `line ${lineColumn(fn.module.text, s.node.startIndex).line} (\`${s.node.text.length > 40 ? `${s.node.text.slice(0, 37)}...` : s.node.text}\`, ${s.rule})`);
      emit(fn.module, field(fn.node, 'name') ?? fn.node, 'async-propagation', 'manual', `${fn.qualname} stays sync: every blocking operation in it needs a review change, which this run does not apply: ${ops.join(', ')}`, []);
      reportedSync.add(fn.id);
    }
  }

  // A caller on a handler path whose call on an instance may run a blocking project method or
  // one of a base awaitify cannot see, or of another class the local may hold: it stays sync
  // (the call is a 'stop' edge), named here.
  for (const cs of callSites) {
    const caller = cs.caller;
    if (!INSTANCE_STOPS.has(cs.edge.stopKind ?? '') || !caller || reportedSync.has(caller.id) || isAsyncNow(caller.id)) continue;
    if (!onHandlerPath.has(caller.id) && !entries.entries.has(caller.id)) continue;
    if (seedsOf(cs.callee) === 0 && !isAsyncNow(cs.callee.id)) continue;
    const line = lineColumn(cs.module.text, cs.node.startIndex).line;
    const blocks = blockingLines(cs.callee);
    emit(
      cs.module,
      cs.node,
      'async-propagation',
      'manual',
      `${caller.qualname} stays sync: \`${short(cs.node.text)}\` at line ${line} may run ${cs.callee.qualname}(), which ${blocks.length ? `blocks at ${cs.callee.module.path}:${blocks.join(', ')}` : 'becomes async'}, but ${cs.edge.stopReason}`,
      [],
    );
    reportedSync.add(caller.id);
  }

  // def → async def.
  for (const [id, plan] of result.async) {
    const fn = byId.get(id)!;
    const why = forced.has(id)
      ? `${fn.qualname} becomes async because ${forced.get(id)} of the same class-based view does (Django needs all handlers of a view sync or all async)`
      : plan.reason === 'blocking-call'
        ? `${fn.qualname} becomes async: it makes blocking calls that are now awaited`
        : `${fn.qualname} becomes async: it awaits ${byId.get(plan.via ?? '')?.qualname ?? plan.via}`;
    const review = inPlaceReview(id);
    const safety = review ? 'review' : 'safe';
    const message = !review ? why : `${why}; ${review.text}: ${review.kind === 'unseen' ? 'check who calls it' : 'check its users, or keep it sync'}`;
    // Replacing the `def` keyword (rather than inserting before it) keeps the edit after an
    // import inserted at the same offset when the def is the first line of the file.
    emit(fn.module, field(fn.node, 'name') ?? fn.node, 'async-propagation', safety, message, [{ start: fn.node.startIndex, end: fn.node.startIndex + 3, text: 'async def' }]);
  }

  // Calls of functions that became async get await (the twin's name when one is added).
  const awaited = new Set<PyCallSite>();
  // Imports inside a function (`from .services import helper` in the def) that already name a twin.
  const localTwinImports = new Set<string>();
  for (const edge of result.awaitEdges) {
    const cs = siteByEdge.get(edge);
    if (!cs || cs.node.type !== 'call' || awaited.has(cs)) continue;
    awaited.add(cs);
    if (isAwaitedCall(cs.node)) continue;
    const callee = field(cs.node, 'function')!;
    const twin = twins.get(cs.callee.id);
    const edits = awaitEdits(cs.node);
    if (twin) {
      const nameNode = callee.type === 'attribute' ? field(callee, 'attribute')! : callee;
      edits.push({ start: nameNode.startIndex, end: nameNode.endIndex, text: twin.name });
    }
    const msg = twin ? `${callee.text}() has an async twin ${twin.name}(); await it` : `${callee.text}() is async; await it`;
    // A name imported inside the function: the twin joins that import, where the module-level
    // import would bring back the cycle the function-level one avoids.
    const local = twin && callee.type === 'identifier' ? functionImportItem(cs.caller, callee.text) : undefined;
    if (local && twin) {
      const key = `${cs.module.path}:${local.id}:${twin.name}`;
      if (!localTwinImports.has(key)) {
        localTwinImports.add(key);
        edits.push({ start: local.endIndex, end: local.endIndex, text: `, ${twin.name}` });
      }
    }
    emit(cs.module, cs.node, 'async-propagation', 'safe', msg, edits, twin && callee.type === 'identifier' && !local ? twinImport(cs, callee.text, twin.name) : undefined);
  }

  // Sync callers of a function that changes in place (no twin) call it through async_to_sync.
  const bridged: PlanBoundary[] = [];
  for (const [cs, why] of bridges) {
    if (!result.async.has(cs.callee.id) || twins.has(cs.callee.id)) continue;
    if (cs.caller && cs.edge.mode === 'await' && isAsyncNow(cs.caller.id)) continue;
    const { edits, imports, callee } = bridgeEdits(cs);
    emit(
      cs.module,
      cs.node,
      'async-propagation',
      'review',
      `${callee}() is async now, but this call cannot await (${why.reason}); it calls it through async_to_sync, which runs the coroutine to completion. async_to_sync raises when called on a thread that runs an event loop: check that this code only runs from sync code (a command, a test, a thread)`,
      edits,
      imports,
      true,
    );
    // The bridge only makes sense while the callee is async: it goes with the callee's unit.
    emitted[emitted.length - 1].finding.groups = [functionKey(cs.callee.module.path, lineColumn(cs.callee.module.text, cs.callee.outer.startIndex).line)];
    bridged.push({ ...cs.edge.site, function: cs.caller?.qualname ?? '<module>', callee: cs.callee.qualname, kind: why.kind, reason: `${why.reason}; it calls ${cs.callee.qualname} through async_to_sync` });
  }
  if (bridged.length) {
    const at = new Set(bridged.map((b) => `${b.path}:${b.line}:${b.column}:${b.callee}`));
    result.boundaries = [...result.boundaries.filter((b) => !at.has(`${b.path}:${b.line}:${b.column}:${b.callee}`)), ...bridged];
  }

  // Sync project functions that block, called from async code, run in a thread.
  if (ctx.isRuleEnabled('sync-to-async-wrap') || ctx.isRuleEnabled('transaction-atomic')) {
    const blocks = blockingClosure(project.functions, sitesByFn, callSites, false);
    const blocksUnlessResolved = blockingClosure(project.functions, sitesByFn, callSites, true);
    // Work awaitify cannot account for blocks too.
    accounting.cover(callSites.flatMap((cs) => (cs.caller && isAsyncNow(cs.caller.id) ? [cs.callee] : [])));
    for (const id of accounting.notHarmless) blocks.add(id);
    for (const id of accounting.notHarmlessUnlessResolved) if (!blocks.has(id)) blocksUnlessResolved.add(id);
    for (const cs of callSites) {
      if (!cs.caller || cs.edge.mode !== 'await' || cs.node.type !== 'call' || !isAsyncNow(cs.caller.id) || isAsyncNow(cs.callee.id)) continue;
      if (isAwaitedCall(cs.node)) continue;
      if (!blocks.has(cs.callee.id) && !(blocksUnlessResolved.has(cs.callee.id) && !resolvedCalls.has(cs.node.id))) continue;
      const callee = field(cs.node, 'function')!;
      // A rule already rewrote this call (`note.save()` on a model that overrides save() became
      // `await note.asave()`, which runs the override through sync_to_async itself): wrapping it
      // again would produce `await await sync_to_async(note.asave)()`.
      if (rewritesCallee(emitted, cs.module, callee)) continue;
      const why = entries.cannotBeAsync.get(cs.callee.id)?.reason ?? result.pinned.get(cs.callee.id)?.reason ?? `${cs.callee.qualname} stays sync`;
      const fc = new FunctionContext(ac, cs.caller, [], entries);
      const { edits, imports } = syncToAsyncEdits(fc, cs.node, callee, true);
      const atomic = entries.cannotBeAsync.get(cs.callee.id)?.kind === 'transaction-atomic';
      emit(
        cs.module,
        cs.node,
        atomic ? 'transaction-atomic' : 'sync-to-async-wrap',
        'review',
        atomic
          ? `${callee.text}() runs inside @transaction.atomic, which has no async form; it runs whole through sync_to_async (thread-sensitive, one connection for the whole transaction)`
          : `${callee.text}() blocks (it queries the database or does I/O) but cannot become async (${why}); it runs through sync_to_async, thread-sensitive so database connections stay on one thread`,
        edits,
        imports,
      );
    }
  }

  if (ctx.isRuleEnabled('middleware-async')) {
    for (const f of foreignMiddlewareFindings(entries, project)) emit(f.module, f.node, 'middleware-async', 'manual', f.message, []);
  }
  // Classes whose methods stay sync (DRF, a base awaitify cannot see): said once per class, where
  // those methods block, naming the first blocking operation.
  for (const { cls, kind, reason } of entries.syncClasses) {
    const methods = [...cls.methods.values()].filter((m) => entries.cannotBeAsync.get(m.id)?.kind === kind);
    const sites = methods.flatMap((m) => (sitesByFn.get(m.id) ?? []).filter((s) => s.seed)).sort((a, b) => a.node.startIndex - b.node.startIndex);
    if (!sites.length) continue;
    const lines = [...new Set(sites.map((s) => lineColumn(cls.module.text, s.node.startIndex).line))];
    emit(cls.module, field(cls.node, 'name') ?? cls.node, 'async-propagation', 'manual', `${cls.name} stays sync: ${reason}. It blocks at line ${lines[0]} (\`${short(sites[0].node.text)}\`)${lines.length > 1 ? `, ${lines.slice(1).join(', ')}` : ''}`, []);
  }

  // Insertions at one offset apply in report order: the outer expression's first, so that
  // `x.get().delete()` becomes `await (await x.aget()).adelete()`, never `(await await ...`.
  const byPosition = (f: Finding) => [f.line, f.column, -(f.endLine ?? f.line), -(f.endColumn ?? f.column)];
  emitted.sort((a, b) => {
    if (a.module.path !== b.module.path) return a.module.path < b.module.path ? -1 : 1;
    const x = byPosition(a.finding);
    const y = byPosition(b.finding);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return 0;
  });

  // Twins: the edits inside a function that keeps a sync twin go into a copy added beside it.
  const twinFns = [...twins.keys()].map((id) => byId.get(id)!).sort((a, b) => a.outer.endIndex - a.outer.startIndex - (b.outer.endIndex - b.outer.startIndex));
  for (const fn of twinFns) {
    const twin = twins.get(fn.id)!;
    const django = twinOnlyIfAwaited.get(fn.id);
    const start = fn.outer.startIndex;
    const end = fn.outer.endIndex;
    const inside = emitted.filter((e) => e.module === fn.module && e.finding.edits.length && ctx.willApply(e.finding.safety) && e.finding.edits.every((x) => x.start >= start && x.end <= end));
    const insideSet = new Set(inside.filter((e) => !e.keepInSync));
    for (let i = emitted.length - 1; i >= 0; i--) if (insideSet.has(emitted[i])) emitted.splice(i, 1);
    if (twin.existing) continue;
    const nameNode = field(fn.node, 'name')!;
    const copyEdits: TextEdit[] = inside.flatMap((e) => e.finding.edits).map((x) => ({ start: x.start - start, end: x.end - start, text: x.text }));
    // The twin must not register itself with Django too (`@register.filter`, `@receiver`).
    for (const deco of entries.registrations.get(fn.id) ?? []) {
      const node = deco.parent!;
      const next = node.nextSibling;
      if (next) copyEdits.push({ start: node.startIndex - start, end: next.startIndex - start, text: '' });
    }
    copyEdits.push({ start: nameNode.startIndex - start, end: nameNode.endIndex - start, text: twin.name });
    const copy = applyEdits(fn.module.text.slice(start, end), copyEdits);
    const indent = lineIndent(fn.module.text, start);
    const gap = fn.cls || fn.parent ? '\n\n' : '\n\n\n';
    const safety = inside.reduce<Safety>((s, e) => (SAFETY_RANK[e.finding.safety] > SAFETY_RANK[s] ? e.finding.safety : s), 'safe');
    const imports = inside.flatMap((e) => e.finding.imports ?? []);
    const details = inside
      .filter((e) => e.finding.rule !== 'async-propagation' || !e.finding.message.includes('becomes async'))
      .sort((a, b) => a.finding.line - b.finding.line || a.finding.column - b.finding.column)
      .map((e) => `line ${e.finding.line}: ${e.finding.message}`);
    emit(
      fn.module,
      nameNode,
      'async-propagation',
      safety,
      `adds async twin ${twin.name}() beside ${fn.qualname}(), which stays sync ${django ? `(${django.reason})` : 'for its sync callers'}; async callers await the twin${details.length ? `. In the twin: ${details.join('; ')}` : ''}`,
      [{ start: end, end, text: `${gap}${indent}${copy}` }],
      imports,
    );
  }

  emitUnusedImports(ctx, project, emitted, kept);
  emitAssumedTargets(ctx, emitted);

  const plan = toMigrationPlan(result, (e) => ({ caller: e.from ? (byId.get(e.from)?.qualname ?? e.from) : '<module>', callee: byId.get(e.to)?.qualname ?? e.to }));
  // Only functions that really keep a sync twin say so (entry points change in place).
  for (const fnPlan of plan.asyncFunctions) {
    if (twins.has(fnPlan.id)) fnPlan.twin = true;
    else delete fnPlan.twin;
  }
  const spans = project.functions.map((fn) => {
    const start = lineColumn(fn.module.text, fn.outer.startIndex);
    const end = lineColumn(fn.module.text, fn.outer.endIndex);
    return { path: fn.module.path, name: fn.qualname, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  });
  const findings = emitted.map((e) => e.finding);
  const listener = silentStayListener();
  if (listener) {
    const candidates = stayCandidates();
    listener(ctx.root, silentStays(candidates, findings), candidates.length);
  }
  return { findings, plan, failures, spans, awaitLinks: awaitLinks(graph, result) };
}

/**
 * Top-level imports that the applied rewrites leave without any use (`import
 * time` once `time.sleep` became `asyncio.sleep`) go. The import block of the
 * module is rendered here with the imports the applied findings request, the
 * same way the pipeline renders it afterwards, so both produce identical edits
 * (applied once); the render also knows which names go.
 */
/** Whether an emitted finding already edits this call's callee (or inserts at its start). */
function rewritesCallee(emitted: Emitted[], module: PyModule, callee: Node): boolean {
  return emitted.some(
    (e) => e.module === module && e.finding.edits.some((x) => x.start <= callee.endIndex && x.end >= callee.startIndex && (x.end > callee.startIndex || x.start === callee.startIndex)),
  );
}

function emitUnusedImports(ctx: AdapterRunContext, project: Project, emitted: Emitted[], kept: KeptParses): void {
  const parser = loadedParser();
  const firstParty = new Set(project.modules.flatMap((m) => m.dotted.map((d) => d.split('.')[0])).filter(Boolean));
  for (const module of project.modules) {
    const context: ImportContext = { firstParty, unused: new Set() };
    setImportContext(module.path, module.text, context);
    const applied = emitted.filter((e) => e.module === module && e.finding.edits.length && e.finding.safety !== 'manual' && ctx.willApply(e.finding.safety));
    if (!applied.length || !parser) continue;
    const locals = topLevelImportLocals(module.root);
    if (!locals.size) continue;
    let after: string;
    try {
      after = applyEdits(module.text, applied.flatMap((e) => e.finding.edits));
    } catch {
      continue;
    }
    const before = nameUses(module.root, locals);
    const now = kept.usedNames(parser, after, locals);
    const gone = [...before.keys()].filter((name) => !now.has(name) && !reexported(project, module, name)).sort();
    if (!gone.length) continue;
    for (const name of gone) context.unused.add(name);
    // The import block is rendered without these names whatever is applied: every rewrite of the module goes together.
    const group = `imports:${module.path}`;
    for (const e of applied) e.finding.groups = [...(e.finding.groups ?? []), group];
    const requests = dedupeImports(applied.flatMap((e) => e.finding.imports ?? []));
    const edits = renderPythonImports(module.text, requests, context, module.root);
    const stmt = module.root.namedChildren.find((n) => n && (n.type === 'import_statement' || n.type === 'import_from_statement') && [...module.imports.values()].some((i) => i.node.id === n.id && gone.includes(i.local)));
    if (!edits.length || !stmt) continue;
    // The rule whose rewrite replaced the last use answers for the removal.
    const uses = gone.flatMap((name) => before.get(name) ?? []);
    const cause = applied.find((e) => e.finding.edits.some((x) => uses.some((u) => x.start <= u && u < x.end)))?.finding.rule ?? 'async-propagation';
    const { line, column } = lineColumn(module.text, stmt.startIndex);
    const end = lineColumn(module.text, stmt.endIndex);
    emitted.push({
      module,
      finding: {
        rule: cause,
        path: module.path,
        line,
        column,
        endLine: end.line,
        endColumn: end.column,
        message: `${gone.join(', ')} ${gone.length === 1 ? 'is' : 'are'} no longer used after the rewrite (not in the code, __all__ or a string annotation); the import goes`,
        safety: 'safe',
        edits,
        groups: [group],
      },
    });
  }
}

/**
 * Which Django (and Python) the output is written for decides which async APIs
 * it uses. When the project declares neither and none was given, say once (on
 * the first changed file) what was assumed and how to set it.
 */
function emitAssumedTargets(ctx: AdapterRunContext, emitted: Emitted[]): void {
  if (ctx.targets.django) return;
  const changed = emitted
    .filter((e) => e.finding.edits.length && e.finding.safety !== 'manual' && ctx.willApply(e.finding.safety) && inScope(ctx.scope, e.module.path))
    .map((e) => e.module)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))[0];
  if (!changed) return;
  const python = ctx.targets.python ? '' : ` and Python ${DEFAULT_PYTHON}`;
  emitted.push({
    module: changed,
    finding: {
      rule: 'async-propagation',
      path: changed.path,
      line: 1,
      column: 1,
      message:
        `no Django version was found (requirements*.txt, pyproject.toml, setup.cfg, setup.py, Pipfile, a lockfile) or given, so the output targets Django ${DEFAULT_DJANGO}${python} ` +
        `and uses their async APIs (aget_object_or_404 needs 5.0, request.auser() 5.0, the QuerySet a-methods 4.1). If the project runs an older version, ` +
        `run again with --django X.Y${python ? ' (and --python X.Y)' : ''}, or pin Django in requirements.txt`,
      safety: 'review',
      edits: [],
    },
  });
}

/** Whether another project module takes the name from this one (`from shop.views import name`, or `views.name`). */
function reexported(project: Project, module: PyModule, name: string): boolean {
  const dotted = new Set(module.dotted);
  for (const other of project.modules) {
    if (other === module) continue;
    for (const imp of other.imports.values()) {
      if (imp.name === name && dotted.has(imp.module)) return true;
      const whole = imp.name === undefined ? imp.module : `${imp.module}.${imp.name}`;
      if (dotted.has(whole) && new RegExp(`\\b${imp.local}\\.${name}\\b`).test(other.text)) return true;
    }
  }
  return false;
}


function isAwaitedCall(node: Node): boolean {
  let p = node.parent;
  while (p?.type === 'parenthesized_expression') p = p.parent;
  return p?.type === 'await';
}

/**
 * The item of a `from ... import` statement inside the caller (or a function around it) that
 * binds `name`, when that import is the name's only binding there.
 */
function functionImportItem(caller: PyFunction | undefined, name: string): Node | undefined {
  for (let fn = caller; fn; fn = fn.parent) {
    if (fn.globals.has(name)) return undefined;
    if (!fn.locals.has(name)) continue;
    const imp = fn.imports?.get(name);
    if (!imp || imp.name === undefined || imp.node.type !== 'import_from_statement') return undefined;
    for (const item of imp.node.childrenForFieldName('name')) {
      if (!item) continue;
      const bound = item.type === 'aliased_import' ? field(item, 'alias')?.text : item.text;
      if (bound === name) return item;
    }
    return undefined;
  }
  return undefined;
}

/** A twin called through `from module import name` is imported the same way. */
function twinImport(cs: PyCallSite, local: string, twin: string): ImportRequest[] | undefined {
  if (cs.caller?.locals.has(local)) return undefined;
  const imp = cs.module.imports.get(local);
  if (!imp || imp.name === undefined) return undefined;
  const moduleText = field(imp.node, 'module_name')?.text;
  return moduleText ? [{ module: moduleText, kind: 'named', name: twin, local: twin }] : undefined;
}

/**
 * Method calls whose receiver awaitify cannot type (`model_admin.has_module_permission(request)`),
 * by method name, first site each: any project method of that name may be what they call.
 */
function untypedMethodCalls(project: Project, orm: OrmIndex, resolved: Set<number>): Map<string, { site: { path: string; line: number; column: number }; caller: string; text: string }> {
  const out = new Map<string, { site: { path: string; line: number; column: number }; caller: string; text: string }>();
  for (const module of project.modules) {
    // The named nodes below the root in tree order (a walk of the named children, without a wrapper per
    // node): each call with the innermost project function whose definition holds it.
    const tree = module.tree;
    const { flags } = tree;
    const defs = new Map(module.functions.map((f) => [f.node.id, f]));
    const callSymbols = tree.grammar.typeMask('call');
    const defSymbols = tree.grammar.typeMask('function_definition');
    const enclosing: { fn: PyFunction | undefined; end: number }[] = [];
    let fn: PyFunction | undefined;
    const rootIndex = module.root.index;
    for (let i = rootIndex + 1, stop = tree.afterOf(rootIndex); i < stop; ) {
      while (enclosing.length && i >= enclosing[enclosing.length - 1]!.end) fn = enclosing.pop()!.fn;
      if (!(flags[i]! & NAMED)) {
        i = tree.afterOf(i);
        continue;
      }
      const symbol = tree.type[i]!;
      if (callSymbols[symbol] && !resolved.has(tree.idBase + i)) {
        const child = tree.node(i);
        const callee = field(child, 'function');
        const attr = callee?.type === 'attribute' ? field(callee, 'attribute') : undefined;
        if (callee && attr && !out.has(attr.text)) {
          const object = field(callee, 'object')!;
          const known = resolveExpr(project, module, fn, callee) ?? resolveExpr(project, module, fn, object) ?? orm.typeOf(module, fn, object);
          // A manager built by a call awaitify cannot follow may have any method of a project class.
          const opaque = (known?.kind === 'manager' || known?.kind === 'queryset') && !known.classes && !DJANGO_MANAGER_API.has(attr.text);
          if (!known || opaque) out.set(attr.text, { site: { path: module.path, ...lineColumn(module.text, child.startIndex) }, caller: fn?.qualname ?? '<module>', text: callee.text });
        }
      }
      if (defSymbols[symbol]) {
        const def = defs.get(tree.idBase + i);
        if (def) {
          enclosing.push({ fn, end: tree.afterOf(i) });
          fn = def;
        }
      }
      i++;
    }
  }
  return out;
}

function asyncGenerator(fn: PyFunction | undefined): boolean {
  return Boolean(fn?.isAsync && containsYield(fn.body));
}

/** `a<name>` unless taken; an existing async function of that name is the twin already. */
function twinName(fn: PyFunction): { name: string; existing: boolean } {
  const scope = fn.cls ? fn.cls.methods : fn.parent ? fn.parent.nested : fn.module.topFunctions;
  const underscores = /^_*/.exec(fn.name)![0];
  for (const name of [`${underscores}a${fn.name.slice(underscores.length)}`, `${fn.name}_async`]) {
    const other = scope.get(name);
    if (!other) return { name, existing: false };
    if (other.isAsync) return { name, existing: true };
  }
  return { name: `${fn.name}_async_twin`, existing: false };
}

/** Functions that block: they hold a blocking site, or call (synchronously) one that does. */
function blockingClosure(functions: PyFunction[], sites: Map<string, Site[]>, calls: PyCallSite[], deferred: boolean): Set<string> {
  const seeds = functions.filter((fn) => (sites.get(fn.id) ?? []).some((s) => (s.seed || s.safety === 'manual') && Boolean(s.deferred) === deferred));
  const callers = callersByCallee(calls.filter((c) => c.caller && !c.callee.isAsync));
  return closure(
    seeds.map((fn) => fn.id),
    (id) => callers.get(id) ?? [],
  );
}

function globMatch(policy: string, f: GraphFunction): boolean {
  if (policy === 'handlers' || policy === 'all') return false;
  const re = new RegExp(`^${policy.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\u0000').replace(/\*/g, '[^/.]*').replace(/\u0000/g, '.*').replace(/\?/g, '.')}$`);
  return re.test(f.name) || re.test(`${f.path}::${f.name}`) || re.test(f.path);
}

function lineColumnOf(fn: PyFunction): { line: number; column: number } {
  return lineColumn(fn.module.text, (field(fn.node, 'name') ?? fn.node).startIndex);
}
