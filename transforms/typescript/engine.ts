// The JS/TS analysis: load, build the call graph, seed it with the blocking
// calls the catalog finds, and plan; emitter.ts turns the plan into findings. The catalog
// is injected (the adapter passes the real one) so the structural rules can be
// tested on their own.
import type { CallExpression, SourceFile } from 'ts-morph';
import { ts } from 'ts-morph';
import { awaitLinks, functionSpans, planAsyncPropagation, toMigrationPlan, type GraphEdge, type PropagationResult } from '../core/plan.js';
import { UsageError } from '../core/errors.js';
import { globToRegExp } from '../core/glob.js';
import { inScope, outsideScopeSignature } from '../core/scope.js';
import type { AdapterResult, AdapterRunContext, ImportRequest, PlanBoundary, Safety, TextEdit } from '../core/types.js';
import { addSoundnessStops } from './analysis/escapes.js';
import type { ExpressWrapNamer } from './express.js';
import { hierarchyGroups, linkClassHierarchies, soloGroup, twinGroupProblem, twinSignatureEdit, type HierarchyGroup } from './analysis/hierarchy.js';
import { GraphBuilder, type FunctionInfo, type SiteInfo } from './analysis/graph.js';
import { markSyncOnlyFunctions, stopUnawaitableSites, unawaitableBlockingCall } from './syncsites.js';
import type { FileInfo, FunctionLike, ProjectModel } from './analysis/model.js';
import { loadProject } from './project.js';
import { RULE } from './rules.js';
import { iifeWrapEdits, moduleScopes } from './toplevel.js';
import { applyIntervalPolicy } from './rules/interval-async-callback.js';
import { applicationPackage, markPublicApi, PUBLIC_API_KIND } from './rules/public-api.js';
import { planTestDoneCallbacks } from './rules/test-done-callback.js';
import { markStartupOnly, markTestOnly } from './rules/startup-only-io.js';
import { enforceLowdbAllOrNothing, refuseExportedLowdb, type LowdbDatabase } from './rules/lowdb-async-write.js';
import { barrelProblem, planTwin, twinReference, type TwinPlan } from './twin.js';
import { keepReviewCallbacksSync, markSeedHazards, planEdgeHazards, type HazardLedger } from './analysis/interleaving-plan.js';
import { wrap as wrapCall } from './blocking/index.js';
import { OFFLOAD_RULE, planOffloads, type OffloadPlan } from './offload/index.js';
import { MISSING_AWAIT_RULE, findMissingAwaits, type MissingAwait } from './rules/missing-await.js';
import { Emitter, callText, detachedReference } from './emitter.js';
import { silentStayListener, silentStays, type StayCandidate } from '../core/silent-stays.js';
import { DatabaseResolver, SQLITE_RULE, findSyncOnlyCalls, type SyncOnlyCall } from './offload/sqlite.js';

export type BlockingRewrite = { edits: TextEdit[]; imports: ImportRequest[]; message: string; safety: Safety; needsFile?: string } | { manual: string };

/** What the engine needs from the blocking-call catalog (transforms/typescript/blocking). */
export interface BlockingCallLike<N> {
  rule: string;
  safety: Safety;
  call: CallExpression;
  rewrite(namer: N, target?: { node?: string }): BlockingRewrite;
  /** A lowdb FileSync `.write()`: its database's writes are rewritten together or not at all. */
  lowdb?: LowdbDatabase;
}

export interface EngineDeps<N extends ExpressWrapNamer> {
  findBlockingCalls(file: SourceFile): BlockingCallLike<N>[];
  createNamer(file: SourceFile): N;
}

export interface Seed<N> {
  blocking: BlockingCallLike<N>;
  file: FileInfo;
  fn: FunctionInfo | null;
  rewrite: BlockingRewrite;
  /** A query inside a function that every caller runs on a worker: nothing to report. */
  offloaded?: boolean;
  /** Where the rewrite suspends, when not at the call (a folded `if (!existsSync(p)) mkdirSync(p)`); null: it does not. */
  awaitAt?: ts.Node | null;
}

export async function analyzeTypeScript<N extends ExpressWrapNamer>(ctx: AdapterRunContext, deps: EngineDeps<N>): Promise<AdapterResult> {
  const { project, model, files, failures } = loadProject(ctx.root, ctx.files, ctx.memo);
  const builder = new GraphBuilder(model, ctx.targets.framework);
  const total = files.length;
  let done = 0;
  builder.collectAccessors(files);
  // Awaiting at module top level changes how the module loads (review): opt-in, and never under --safety safe.
  for (const [file, scope] of ctx.willApply('review') ? moduleScopes(files, model, ctx.root, ctx.toplevel ?? 'keep') : []) {
    if (scope === 'tla' && !ctx.isRuleEnabled(RULE.topLevelAwait)) continue;
    // The wrap is review: under --safety safe the top level cannot await, so nothing is planned there.
    if (scope === 'iife' && (!ctx.isRuleEnabled(RULE.toplevelAsyncIife) || !ctx.willApply('review') || !iifeWrapEdits(file))) continue;
    builder.enableModuleScope(file, scope);
  }
  for (const file of files) {
    builder.addFile(file);
    ctx.progress?.(++done, total * 2);
  }
  // Constructor functions and React components keep their sync form.
  markSyncOnlyFunctions(builder, model, files, ctx.targets.framework);

  const signatures = linkClassHierarchies(builder, model, files);
  // A signature in a file outside the run's paths cannot change: its implementations keep their sync form.
  for (const sig of signatures) {
    if (inScope(ctx.scope, sig.file.path)) continue;
    for (const id of sig.implementations) builder.byId.get(id)!.graph.cannotBeAsync ??= outsideScopeSignature(sig.file.path);
  }

  // Seeds: the blocking calls whose rewrite will be applied.
  const namers = new Map<FileInfo, N>();
  const namerOf = (file: FileInfo): N => {
    let n = namers.get(file);
    if (!n) namers.set(file, (n = deps.createNamer(file.morph)));
    return n;
  };
  const seeds: Seed<N>[] = [];
  // Every sync fs call per function, rewritten or not: what interleaving checks compare.
  const fsCalls = new Map<FunctionInfo, ts.CallExpression[]>();
  for (const file of files) {
    // Functions outside the run's paths never change: their blocking calls seed nothing.
    if (!inScope(ctx.scope, file.path)) {
      ctx.progress?.(++done, total * 2);
      continue;
    }
    for (const blocking of deps.findBlockingCalls(file.morph)) {
      const fn = builder.enclosing(blocking.call.compilerNode);
      if (fn && (blocking.rule === 'fs-sync-call' || blocking.rule === 'fs-exists-sync')) fsCalls.set(fn, [...(fsCalls.get(fn) ?? []), blocking.call.compilerNode]);
      if (!ctx.isRuleEnabled(blocking.rule)) continue;
      // The namer is only asked when the call can matter (module top level never changes).
      const unawaitable = fn ? unawaitableBlockingCall(blocking.call.compilerNode, fn) : undefined;
      const rewrite = !fn ? { manual: '' } : unawaitable ? { manual: unawaitable } : blocking.rewrite(namerOf(file), { node: ctx.targets.node });
      seeds.push({ blocking, file, fn, rewrite });
    }
    ctx.progress?.(++done, total * 2);
  }
  // A lowdb database exported to code awaitify does not see keeps its sync writes.
  refuseExportedLowdb(seeds, model, files, ctx.root);
  // New await points between a check and its act (or a read and its write) are review, and not seeds under --safety safe.
  const hazards: HazardLedger = markSeedHazards(ctx, builder, model, seeds, fsCalls);
  for (const { fn, rewrite } of seeds) if (fn && !('manual' in rewrite) && ctx.willApply(rewrite.safety)) fn.graph.seeds++;

  // Calls into sync-only libraries: no async form; reported, or offloaded below.
  const syncOnly: SyncOnlyCall[] = [];
  const sqliteSeeds = new Map<ts.CallExpression, Seed<N>>();
  if (ctx.isRuleEnabled(SQLITE_RULE) || ctx.isRuleEnabled(OFFLOAD_RULE)) {
    const resolver = new DatabaseResolver(model);
    for (const file of files) {
      for (const found of findSyncOnlyCalls(file, resolver, builder.syntaxNodes(file))) {
        syncOnly.push(found);
        if (!ctx.isRuleEnabled(SQLITE_RULE)) continue;
        const fn = builder.enclosing(found.call);
        const call = wrapCall(file.morph, found.call);
        const manual = `${callText(found.call)} runs SQL synchronously on the event loop (${found.value.lib.label} has no async API): every other request waits while it runs. Keep the queries in a module-level exported function that takes and returns plain data, in a module that only declares things, so awaitify can run it on a worker thread (rule ${OFFLOAD_RULE}), or accept the wait if the queries are fast.`;
        const seed: Seed<N> = { blocking: { rule: SQLITE_RULE, safety: 'manual', call, rewrite: () => ({ manual }) }, file, fn, rewrite: { manual } };
        seeds.push(seed);
        sqliteSeeds.set(found.call, seed);
      }
    }
  }

  const typeChecker = () => project.getProgram().compilerObject.getTypeChecker();
  // Every function holding a blocking call counts, applied or not: under a stricter --safety its calls are still reported.
  const sited = new Set(seeds.flatMap((s) => (s.fn && !s.fn.module ? [s.fn.id] : [])));
  resolveRemainingCalls(builder, typeChecker, sited);
  // Calls of async project functions whose promise is used as the value or dropped: seeds of their callers.
  const missingAwaits = ctx.isRuleEnabled(MISSING_AWAIT_RULE) ? findMissingAwaits(builder, model, typeChecker) : [];
  const missingSeeds = new Map<string, MissingAwait[]>();
  for (const m of missingAwaits) {
    if (!m.caller || m.caller.graph.alreadyAsync || !ctx.willApply(m.safety)) continue;
    m.caller.graph.seeds++;
    missingSeeds.set(m.caller.id, [...(missingSeeds.get(m.caller.id) ?? []), m]);
  }
  // A library's exported functions are called by code outside the project: they keep a sync form.
  markPublicApi(builder, model, files, ctx.root);
  // Calls awaitify cannot see (unresolved receivers, escaping references) keep their targets sync.
  addSoundnessStops(builder, model, files, relevantFunctions(builder, sited), typeChecker);
  // Parameter defaults and optional chains cannot take an inserted await.
  stopUnawaitableSites(builder);
  // Functions only module top level calls run at start-up: they stay sync (a note).
  markStartupOnly(builder);
  // Test bodies' own blocking calls are not seeds: they become async only to await project code.
  markTestOnly(builder);
  // An async setInterval callback changes behaviour (overlapping runs): review only.
  applyIntervalPolicy(builder, ctx.willApply('review'));
  // Test bodies that take `done` never become async: their body may move into an async IIFE.
  planTestDoneCallbacks(builder, model, ctx.willApply('review'));

  const offload = ctx.isRuleEnabled(OFFLOAD_RULE) ? offloadSeeds(ctx, builder, model, project.getCompilerOptions().module, syncOnly, typeChecker, namerOf, seeds, sqliteSeeds) : undefined;

  // Under --safety safe, a callback whose restructuring is review stays sync: its body must not await where the loop or Promise.all is not applied.
  keepReviewCallbacksSync(ctx, builder);
  // Under --safety safe, an await that would split a check from its act is not inserted: the call becomes a stop and the plan is made again.
  let planned = planPropagation(ctx, builder, model);
  // ...and the writes of a lowdb database are rewritten together or not at all.
  while (planEdgeHazards(ctx, builder, model, planned.result, seeds, fsCalls, hazards) || enforceLowdbAllOrNothing(seeds, planned.result, (s) => ctx.willApply(s))) planned = planPropagation(ctx, builder, model);
  const { result, twins } = planned;

  const emitter = new Emitter(ctx, builder, model, result, namerOf, twins, hazards, missingAwaits, missingSeeds);
  // Rewrites first: the Express wrap re-indents lines and must skip text other edits replace.
  emitter.emitSeeds(seeds);
  emitter.emitAwaits();
  emitter.emitMissingAwaits();
  emitter.emitTwinReferences();
  emitter.emitFunctions();
  emitter.emitKoaUpstream();
  emitter.emitSignatures(signatures);
  emitter.emitBoundaries();
  emitter.emitInterleavingHazards();
  emitter.emitModuleWraps();
  emitter.emitTestDoneWraps();
  emitter.emitParallelAwaits();

  const plan = toMigrationPlan(result, (e) => ({
    caller: e.from === null ? '<module>' : (builder.byId.get(e.from)?.graph.name ?? e.from),
    callee: builder.byId.get(e.to)?.graph.name ?? e.to,
  }));
  const findings = emitter.findings();
  const listener = silentStayListener('typescript');
  if (listener) {
    const candidates = stayCandidates(builder, result, twins, seeds);
    listener(ctx.root, silentStays(candidates, findings), candidates.length);
  }
  return { findings, plan, failures, spans: functionSpans(builder.graph()), awaitLinks: awaitLinks(builder.graph(), result), ...(offload?.helper ? { created: [offload.helper] } : {}) };
}

/**
 * What the silent-stay check looks at (transforms/core/silent-stays.ts): functions reachable from
 * an entry point that do not change and hold a blocking call, or call a function that becomes
 * async in place.
 */
function stayCandidates<N>(builder: GraphBuilder, result: PropagationResult, twins: Map<string, TwinPlan>, seeds: Seed<N>[]): StayCandidate[] {
  const lines = new Map<string, Set<number>>();
  const add = (id: string, line: number) => {
    const set = lines.get(id) ?? new Set<number>();
    set.add(line);
    lines.set(id, set);
  };
  for (const s of seeds) {
    if (!s.fn || s.fn.module || s.offloaded) continue;
    add(s.fn.id, s.file.sf.getLineAndCharacterOfPosition(s.blocking.call.compilerNode.getStart(s.file.sf)).line + 1);
  }
  for (const e of builder.edges) {
    if (e.from === null || e.mode === 'detached' || !result.async.has(e.to) || twins.has(e.to)) continue;
    add(e.from, e.site.line);
  }
  const out: StayCandidate[] = [];
  for (const [id, at] of lines) {
    const info = builder.byId.get(id);
    if (!info || info.module || !result.reachable.has(id) || info.graph.alreadyAsync || result.async.has(id) || twins.has(id)) continue;
    const qualname = info.graph.name;
    out.push({ path: info.file.path, name: qualname.slice(qualname.lastIndexOf('.') + 1), qualname, line: info.graph.line, blocksAt: [...at].sort((a, b) => a - b) });
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
}

/**
 * Plans worker offloads: each call site that runs a sync-only function on a
 * worker becomes a seed of its caller, and the call edge is dropped (the
 * callee no longer runs on the caller's thread). Blocking calls that stay get
 * the reason in their manual finding.
 */
function offloadSeeds<N extends ExpressWrapNamer>(
  ctx: AdapterRunContext,
  builder: GraphBuilder,
  model: ProjectModel,
  compilerModule: ts.ModuleKind | undefined,
  syncOnly: SyncOnlyCall[],
  checker: () => ts.TypeChecker,
  namerOf: (file: FileInfo) => N,
  seeds: Seed<N>[],
  sqliteSeeds: Map<ts.CallExpression, Seed<N>>,
): OffloadPlan {
  const listed = new Set<string>();
  for (const spec of ctx.offload ?? []) {
    const matches = entryGlobMatcher(spec);
    if (!matches) throw new UsageError(`--offload '${spec}': name functions as 'path-glob:name' (e.g. 'src/report.js:buildReport')`);
    let found = false;
    for (const fn of builder.byId.values()) {
      if (fn.module || !matches(fn.graph)) continue;
      listed.add(fn.id);
      found = true;
    }
    if (!found) throw new UsageError(`--offload '${spec}' names no function in the files of this run; check the path (relative to the run's root) and the function's name`);
  }
  // An await cannot go into a parameter default or the middle of an optional chain.
  const plan = planOffloads({ builder, model, root: ctx.root, compilerModule, syncOnly, listed, checker, unawaitable: unawaitableBlockingCall, ...(ctx.createIn ? { createIn: ctx.createIn } : {}) });
  const dropped = new Set(plan.sites.map((s) => s.edge));
  if (dropped.size) {
    const kept = builder.edges.filter((e) => !dropped.has(e));
    builder.edges.length = 0;
    builder.edges.push(...kept);
  }
  for (const { caller, call, reason } of plan.unplaced) {
    seeds.push({ blocking: { rule: OFFLOAD_RULE, safety: 'manual', call: wrapCall(caller.file.morph, call), rewrite: () => ({ manual: reason }) }, file: caller.file, fn: caller, rewrite: { manual: reason } });
  }
  for (const site of plan.sites) {
    const rewrite = site.rewrite(namerOf(site.caller.file));
    const call = wrapCall(site.caller.file.morph, site.call);
    seeds.push({ blocking: { rule: OFFLOAD_RULE, safety: 'review', call, rewrite: () => rewrite }, file: site.caller.file, fn: site.caller, rewrite });
    if (ctx.willApply(rewrite.safety)) site.caller.graph.seeds++;
  }
  // Functions every caller reaches through a worker (and nothing else references).
  const offloadedAt = new Set(plan.sites.map((s) => s.target.id));
  const otherwiseReferenced = new Set(builder.edges.filter((e) => e.mode !== 'await').map((e) => e.to));
  const covered = (id: string) => offloadedAt.has(id) && !plan.refused.has(id) && !plan.directCallers.get(id)?.length && !otherwiseReferenced.has(id);
  // Say why each blocking query stays where it is.
  for (const found of syncOnly) {
    const seed = sqliteSeeds.get(found.call);
    const fn = seed?.fn;
    if (!seed || !fn || !('manual' in seed.rewrite)) continue;
    if (covered(fn.id)) {
      seed.offloaded = true;
      continue;
    }
    const refused = plan.refused.get(fn.id);
    const direct = plan.directCallers.get(fn.id);
    let why: string | undefined;
    if (refused) why = `awaitify does not run \`${fn.graph.name}\` on a worker thread: ${refused}.`;
    else if (direct?.length) why = `awaitify runs \`${fn.graph.name}\` on a worker thread where it can, but not for ${direct.map((d) => `\`${d.caller.graph.name}\` (${d.reason})`).join(', ')}.`;
    if (why) {
      const manual = `${seed.rewrite.manual} ${why}`;
      seed.rewrite = { manual };
    }
  }
  for (const id of listed) {
    const refused = plan.refused.get(id);
    const fn = builder.byId.get(id);
    if (!refused || !fn) continue;
    // Reported at the function itself: the seed's "call" is its declaration.
    const at = { compilerNode: fn.node } as unknown as Seed<N>['blocking']['call'];
    seeds.push({
      blocking: { rule: OFFLOAD_RULE, safety: 'manual', call: at, rewrite: () => ({ manual: refused }) },
      file: fn.file,
      fn,
      rewrite: { manual: `\`${fn.graph.name}\` is listed with --offload, but awaitify does not run it on a worker thread: ${refused}.` },
    });
  }
  return plan;
}

/**
 * Plans propagation. Under `--api twin` a function some caller cannot await
 * keeps a sync twin; the twins are closed downwards (the sync copy still calls
 * the sync forms of what it calls) and across class hierarchies (methods that
 * override or implement one another are twinned together, with their
 * signatures), and a function that cannot have a twin (an inline callback, a
 * default export, a reference awaitify cannot rename) stays sync instead, with
 * its whole group, which is planned again until nothing changes.
 */
function planPropagation(ctx: AdapterRunContext, builder: GraphBuilder, model: ProjectModel): { result: PropagationResult; twins: Map<string, TwinPlan> } {
  const options = { entry: ctx.entry, api: ctx.api, matchesEntryGlob: entryGlobMatcher(ctx.entry), scope: ctx.scope };
  const groups = ctx.api === 'twin' ? hierarchyGroups(builder, model) : new Map<string, HierarchyGroup>();
  // What hierarchy.ts finds depends on the code alone, not on the round: asked once per group.
  const shapeProblems = new Map<HierarchyGroup, string | undefined>();
  // Whether a package is an application depends on the package alone (its entries resolve from absolute paths): asked once per package.
  const applications = new Map<string, string | undefined>();
  const application = (info: FunctionInfo): string | undefined => {
    const dir = model.workspace().packageOf(info.file.absPath)?.dir;
    if (dir === undefined) return undefined;
    if (!applications.has(dir)) applications.set(dir, applicationPackage(model, [info.file], info.file.absPath));
    return applications.get(dir);
  };
  for (let round = 0; ; round++) {
    const result = planAsyncPropagation(builder.graph(), options);
    const twins = new Map<string, TwinPlan>();
    if (ctx.api !== 'twin') return { result, twins };
    closeTwinsDownward(result, builder, groups);
    // The round's edges by the function they lead to: each twin's questions read its own edges, not every edge.
    const edges: TwinEdges = { awaited: edgesByTarget(result.awaitEdges), all: edgesByTarget(builder.edges) };
    const refused = new Map<FunctionInfo, string>();
    const unused = new Map<FunctionInfo, string>();
    const checked = new Map<HierarchyGroup, string | undefined>();
    for (const [id, fn] of result.async) {
      if (!fn.twin) continue;
      const info = builder.byId.get(id)!;
      const linked = groups.get(id);
      const group = linked ?? soloGroup(info);
      if (group && !checked.has(group)) checked.set(group, groupTwinProblem(group, result, model, shapeProblems));
      const groupProblem = group && checked.get(group);
      if (groupProblem) {
        refused.set(info, groupProblem);
        continue;
      }
      const outcome = planTwin(info, model, { hierarchy: Boolean(linked) });
      if ('reason' in outcome) {
        refused.set(info, outcome.reason);
        continue;
      }
      // A re-export or signature the twin needs in a file outside the run's paths cannot be added.
      const outside = [...outcome.barrels].find(([file, barrel]) => !inScope(ctx.scope, file.path) && (barrel.edits.length > 0 || barrel.objects.size > 0))?.[0] ?? outcome.signatures.find((sig) => !inScope(ctx.scope, sig.file.path))?.file;
      if (outside) {
        refused.set(info, `${outside.path}, outside the paths of this run, would have to export it too`);
        continue;
      }
      const stuck = unrenamedReference(id, outcome, edges, builder, model);
      if (stuck) refused.set(info, stuck);
      else {
        const why = linked ? undefined : unusedTwin(info, outcome, edges, () => application(info));
        if (why) unused.set(info, why);
        else twins.set(id, outcome);
      }
    }
    // A twin nothing awaits, references or exports would be dead code (and an error under `noUnusedLocals`): the function keeps only its sync form.
    for (const [info, why] of unused) info.graph.cannotBeAsync = { kind: UNUSED_TWIN_KIND, reason: `${why} and no code that becomes async calls it, so an async twin would never be used` };
    // A group keeps one shape: when one member cannot have a twin, none has.
    for (const [info, reason] of [...refused]) {
      for (const other of groups.get(info.id)?.members ?? []) {
        if (!refused.has(other)) refused.set(other, `\`${info.graph.name}\`, which it overrides, is overridden by or shares an interface method with, cannot have one: ${reason}`);
      }
    }
    if ((refused.size === 0 && unused.size === 0) || round >= 20) {
      for (const group of checked.keys()) {
        const first = group.members.map((m) => twins.get(m.id)).find((t) => t !== undefined);
        if (!first) continue;
        for (const sig of group.signatures) {
          if (ts.isFunctionTypeNode(sig.node)) continue;
          first.signatures.push({ file: sig.file, node: sig.node, edit: twinSignatureEdit(sig.node, sig.file, first.twinName) });
        }
      }
      return { result, twins };
    }
    for (const [info, reason] of refused) info.graph.cannotBeAsync = { kind: 'no-twin', reason: `it cannot keep a sync twin: ${reason}` };
  }
}

/** The kind of a function kept sync because its async twin would be used nowhere. */
const UNUSED_TWIN_KIND = 'unused-twin';

/**
 * Why a function's twin would never run, if it would not: a function (not a
 * method) that no code awaits or references once async and that no framework
 * registers, and that is private to its module, or exported only inside an
 * application (`application` says why the package is one): callers outside
 * the project, for whom `--api twin` keeps twins of exports, cannot exist.
 * An export of a library's public API (a `public-api` stop) keeps its twin.
 */
function unusedTwin(info: FunctionInfo, outcome: TwinPlan, edges: TwinEdges, application: () => string | undefined): string | undefined {
  if (info.registration || info.graph.entry) return undefined;
  if (ts.isMethodDeclaration(info.node) || ts.isClassLike(info.node.parent)) return undefined;
  if (edges.awaited.has(info.id)) return undefined;
  if ((edges.all.get(info.id) ?? []).some((e) => e.mode === 'detached' || e.stopKind === PUBLIC_API_KIND)) return undefined;
  if (outcome.exports.size === 0 && outcome.barrels.size === 0) return 'it is private to its module';
  const app = application();
  return app ? `it is exported, but ${app}` : undefined;
}

/** Why a hierarchy group cannot be twinned as a whole: a member that cannot become async, or what hierarchy.ts finds. */
function groupTwinProblem(group: HierarchyGroup, result: PropagationResult, model: ProjectModel, shapeProblems: Map<HierarchyGroup, string | undefined>): string | undefined {
  for (const m of group.members) {
    if (result.async.get(m.id)?.twin) continue;
    if (m.graph.alreadyAsync) return `\`${m.graph.name}\`, which it overrides, is overridden by or shares an interface method with, is async already`;
    if (!result.async.has(m.id)) return `\`${m.graph.name}\`, which it overrides, is overridden by or shares an interface method with, stays sync${m.graph.cannotBeAsync ? ` (${m.graph.cannotBeAsync.reason})` : ''}`;
  }
  if (!shapeProblems.has(group)) {
    const name = twinBaseName(group.members[0]!);
    shapeProblems.set(group, name === undefined ? 'its name is computed' : twinGroupProblem(group, name, model));
  }
  return shapeProblems.get(group);
}

/** The name a group's methods share (the twins are `<name>Async`). */
function twinBaseName(info: FunctionInfo): string | undefined {
  const node = info.node;
  if (ts.isMethodDeclaration(node)) return ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name) ? node.name.text : undefined;
  return memberName(node);
}

/**
 * A twinned function's sync copy still calls what the original called: those
 * callees keep a sync form too. A twinned method's whole hierarchy group keeps
 * its sync forms: a caller holding the base type may reach any of them.
 */
function closeTwinsDownward(result: PropagationResult, builder: GraphBuilder, groups: Map<string, HierarchyGroup> = new Map()): void {
  const stack = [...result.async.values()].filter((f) => f.twin).map((f) => f.id);
  const mark = (id: string): void => {
    const callee = result.async.get(id);
    if (!callee || callee.twin) return;
    callee.twin = true;
    stack.push(id);
  };
  // The await edges by the file of their site (in the edges' order): a twinned function reads its own file's, not every edge.
  const awaitsByFile = new Map<FileInfo, { e: GraphEdge; site: SiteInfo }[]>();
  if (stack.length) {
    for (const e of builder.edges) {
      if (e.mode !== 'await') continue;
      const site = builder.sites.get(e);
      if (!site || site.kind === 'hierarchy') continue;
      const list = awaitsByFile.get(site.file);
      if (list) list.push({ e, site });
      else awaitsByFile.set(site.file, [{ e, site }]);
    }
  }
  while (stack.length) {
    const info = builder.byId.get(stack.pop()!)!;
    for (const m of groups.get(info.id)?.members ?? []) mark(m.id);
    const start = info.node.getStart(info.file.sf);
    const end = info.node.getEnd();
    for (const { e, site } of awaitsByFile.get(info.file) ?? []) {
      const callee = result.async.get(e.to);
      if (!callee || callee.twin) continue;
      const at = siteNode(site).getStart(info.file.sf);
      if (at < start || at >= end) continue;
      const target = builder.byId.get(e.to)!;
      // A callback written inside the function is copied with it.
      if (target.file === info.file && target.node.getStart(info.file.sf) >= start && target.node.getEnd() <= end) continue;
      mark(e.to);
    }
  }
}

/** A planning round's edges by the function they lead to (in the edges' order): the await edges of its result, and all of the graph's. */
interface TwinEdges {
  awaited: Map<string, GraphEdge[]>;
  all: Map<string, GraphEdge[]>;
}

function edgesByTarget(edges: GraphEdge[]): Map<string, GraphEdge[]> {
  const out = new Map<string, GraphEdge[]>();
  for (const e of edges) {
    const list = out.get(e.to);
    if (list) list.push(e);
    else out.set(e.to, [e]);
  }
  return out;
}

/** Why a reference to the twinned function that must name the twin cannot be renamed, if one cannot. */
function unrenamedReference(id: string, twin: TwinPlan, edges: TwinEdges, builder: GraphBuilder, model: ProjectModel): string | undefined {
  for (const e of edges.awaited.get(id) ?? []) {
    const site = builder.sites.get(e);
    // Linked methods are twinned together (planPropagation), so a hierarchy link needs no renaming.
    if (site?.kind === 'hierarchy') continue;
    if (site?.kind !== 'call') return `it is called in a way awaitify cannot point at a twin (${e.site.path}:${e.site.line})`;
    if (!twinReference(site.call.expression, twin, model)) {
      const barrel = barrelProblem(site.call.expression, twin, model);
      return `the call at ${e.site.path}:${e.site.line} cannot be pointed at the twin${barrel ? ` (${barrel})` : ''}`;
    }
  }
  for (const e of edges.all.get(id) ?? []) {
    if (e.mode !== 'detached') continue;
    const arg = detachedReference(e, builder);
    if (arg && !twinReference(arg, twin, model)) return `the reference at ${e.site.path}:${e.site.line} cannot be pointed at the twin`;
  }
  return undefined;
}

function siteNode(site: SiteInfo): ts.Node {
  return site.kind === 'accessor' || site.kind === 'hierarchy' || site.kind === 'escape' ? site.node : site.call;
}

/**
 * Calls the syntax could not resolve (typed instances, path aliases, `this.repo.find()`),
 * sent to the type checker only when their name is one of a function that can
 * matter: one that holds a blocking call or calls, transitively, one that does.
 */
function resolveRemainingCalls(builder: GraphBuilder, checker: () => ts.TypeChecker, sited: Set<string>): void {
  const handled = new Set<(typeof builder.unresolved)[number]>();
  let typeChecker: ts.TypeChecker | undefined;
  for (let round = 0; round < 20; round++) {
    const relevant = relevantFunctions(builder, sited);
    const names = new Set<string>();
    for (const id of relevant) {
      const node = builder.byId.get(id)!.node;
      const name = memberName(node);
      if (name) names.add(name);
    }
    const pending = builder.unresolved.some((u) => !handled.has(u) && names.has(u.name.text));
    if (!pending) return;
    typeChecker ??= checker();
    if (builder.resolveWithChecker(typeChecker, names, handled) === 0) return;
  }
}

/** The functions that hold a blocking call (`sited`, or a seed) and every function that calls one of them. */
function relevantFunctions(builder: GraphBuilder, sited: Set<string>): Set<string> {
  const incoming = new Map<string, string[]>();
  for (const e of builder.edges) {
    if (e.from === null) continue;
    const list = incoming.get(e.to);
    if (list) list.push(e.from);
    else incoming.set(e.to, [e.from]);
  }
  const out = new Set<string>();
  const stack = [...builder.byId.values()].filter((f) => f.graph.seeds > 0 || sited.has(f.id)).map((f) => f.id);
  while (stack.length) {
    const id = stack.pop()!;
    if (out.has(id)) continue;
    out.add(id);
    for (const from of incoming.get(id) ?? []) stack.push(from);
  }
  return out;
}

function memberName(node: FunctionLike): string | undefined {
  if (ts.isFunctionDeclaration(node)) return node.name?.text;
  if (ts.isMethodDeclaration(node)) return ts.isIdentifier(node.name) || ts.isPrivateIdentifier(node.name) ? node.name.text : undefined;
  let n: ts.Node = node;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (!p) return undefined;
  if ((ts.isVariableDeclaration(p) || ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)) && (ts.isIdentifier(p.name) || ts.isPrivateIdentifier(p.name))) return p.name.text;
  if (ts.isBinaryExpression(p) && ts.isPropertyAccessExpression(p.left)) return p.left.name.text;
  if (ts.isFunctionExpression(node) && node.name) return node.name.text;
  return undefined;
}

function entryGlobMatcher(entry: string): ((fn: { path: string; name: string }) => boolean) | undefined {
  if (entry === 'handlers' || entry === 'all') return undefined;
  // `--entry 'src/routes/**'` or `--entry 'src/jobs/*.ts:run'`: a path glob, optionally with a function name.
  const [pathGlob, name] = entry.includes(':') ? [entry.slice(0, entry.lastIndexOf(':')), entry.slice(entry.lastIndexOf(':') + 1)] : [entry, undefined];
  const re = globToRegExp(pathGlob);
  return (fn) => re.test(fn.path) && (name === undefined || fn.name === name || fn.name.endsWith(`.${name}`));
}

export type { PlanBoundary };
