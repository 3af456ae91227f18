// How interleaving hazards (interleaving.ts) shape the plan. Before planning,
// a blocking-call rewrite whose await would split a check from its act (or a
// read from its write) becomes `review`, so under `--safety safe` it is no
// seed. After planning, the same holds for the awaited calls of functions
// that became async: under `--safety safe` such a call becomes a 'stop' edge
// (the callee keeps its sync form there, as at any caller that cannot await),
// and the plan is made again, so no unit is left half-migrated. The same
// rule for other review changes that a function's async form depends on:
// `setInterval` callbacks (runs could overlap) and callbacks whose loop
// rewrite is review keep their sync form under `--safety safe`.
import { ts } from 'ts-morph';
import type { GraphEdge, PropagationResult } from '../../core/plan.js';
import type { AdapterRunContext } from '../../core/types.js';
import type { BlockingRewrite } from '../engine.js';
import type { FunctionInfo, GraphBuilder } from './graph.js';
import { skipOuter } from './model.js';
import { createAtomicEdit, existsThenCreate, functionEffects, interleavingHazards, type AwaitPoint, type CallEffect, type InterleavingHazard } from './interleaving.js';
import type { FileInfo, ProjectModel } from './model.js';

/** The stop kind of a call left unawaited because awaiting it would split a check from its act. */
export const INTERLEAVING_STOP = 'interleaving';

interface SeedLike {
  blocking: { rule: string; call: { compilerNode: ts.CallExpression } };
  file: FileInfo;
  fn: FunctionInfo | null;
  rewrite: BlockingRewrite;
  awaitAt?: ts.Node | null;
}

type Point = AwaitPoint<SeedLike | GraphEdge>;

export interface HazardLedger {
  /** Every hazard found, once each. */
  found: { fn: FunctionInfo; hazard: InterleavingHazard<SeedLike | GraphEdge> }[];
  /** Awaited calls (edges) inside a hazard's window. */
  edges: Map<GraphEdge, InterleavingHazard<SeedLike | GraphEdge>>;
  seen: Set<string>;
  effects: CallEffects;
}

function record(ledger: HazardLedger, fn: FunctionInfo, hazard: InterleavingHazard<SeedLike | GraphEdge>): void {
  const key = `${fn.id}:${hazard.first.node.getStart()}:${hazard.second.node.getStart()}`;
  if (ledger.seen.has(key)) return;
  ledger.seen.add(key);
  ledger.found.push({ fn, hazard });
}

/**
 * What the calls a function makes do to shared paths and module state
 * (a `readTodos()` that reads `DB_FILE`, a `writeTodos()` that writes it),
 * followed three calls deep.
 */
class CallEffects {
  private readonly memo = new Map<FunctionInfo, CallEffect[]>();
  private readonly calls = new Map<string, { call: ts.CallExpression; to: string }[]>();
  constructor(
    private readonly builder: GraphBuilder,
    private readonly model: ProjectModel,
    private readonly fsCalls: Map<FunctionInfo, ts.CallExpression[]>,
  ) {
    for (const [e, site] of builder.sites) {
      if (site.kind !== 'call' || e.from === null) continue;
      const list = this.calls.get(e.from);
      if (list) list.push({ call: site.call, to: e.to });
      else this.calls.set(e.from, [{ call: site.call, to: e.to }]);
    }
  }

  /** The calls in a function with what each does, for interleavingHazards. */
  callsOf(fn: FunctionInfo): { call: ts.CallExpression; effects: CallEffect[] }[] {
    const out: { call: ts.CallExpression; effects: CallEffect[] }[] = [];
    for (const { call, to } of this.calls.get(fn.id) ?? []) {
      const callee = this.builder.byId.get(to);
      const effects = callee ? this.of(callee, 0) : [];
      if (effects.length) out.push({ call, effects });
    }
    return out;
  }

  private of(fn: FunctionInfo, depth: number): CallEffect[] {
    const known = this.memo.get(fn);
    if (known) return known;
    // Cycles and deep chains contribute what is known so far.
    this.memo.set(fn, []);
    const own = fn.module ? [] : functionEffects(fn.node, this.model, this.fsCalls.get(fn) ?? []);
    const nested = depth >= 3 ? [] : (this.calls.get(fn.id) ?? []).flatMap(({ to }) => {
      const callee = this.builder.byId.get(to);
      return callee ? this.of(callee, depth + 1) : [];
    });
    const all = [...own, ...nested];
    this.memo.set(fn, all);
    return all;
  }
}

function seedPoint(seed: SeedLike): Point | undefined {
  if ('manual' in seed.rewrite || seed.awaitAt === null) return undefined;
  return { node: seed.awaitAt ?? seed.blocking.call.compilerNode, ref: seed };
}

/**
 * Folds `if (!existsSync(p)) mkdirSync(p)` into `await mkdir(p, { recursive: true })`,
 * then labels each seed whose await lies inside a hazard's window `review`.
 * Under `--safety safe` this repeats with the seeds that still apply, until
 * none of them lies in a window.
 */
export function markSeedHazards(ctx: AdapterRunContext, builder: GraphBuilder, model: ProjectModel, seeds: SeedLike[], fsCalls: Map<FunctionInfo, ts.CallExpression[]>): HazardLedger {
  const effects = new CallEffects(builder, model, fsCalls);
  const ledger: HazardLedger = { found: [], edges: new Map(), seen: new Set(), effects };
  const byFn = new Map<FunctionInfo, SeedLike[]>();
  for (const seed of seeds) {
    if (!seed.fn || seed.fn.module) continue;
    const list = byFn.get(seed.fn);
    if (list) list.push(seed);
    else byFn.set(seed.fn, [seed]);
  }
  for (const [fn, mine] of byFn) {
    const folded = foldExistsCreate(mine);
    const calls = (fsCalls.get(fn) ?? []).filter((c) => !folded.has(c));
    for (;;) {
      const points = mine.filter((s) => !('manual' in s.rewrite) && ctx.willApply(s.rewrite.safety)).map(seedPoint).filter((p): p is Point => p !== undefined);
      let demoted = false;
      for (const hazard of interleavingHazards(fn.node, fn.file.sf, model, calls, points, { handler: fn.registration !== undefined, calls: effects.callsOf(fn) })) {
        record(ledger, fn, hazard);
        for (const p of hazard.points) {
          const seed = p.ref as SeedLike;
          if ('manual' in seed.rewrite || (seed.rewrite.safety === 'review' && seed.rewrite.message.includes(hazard.message))) continue;
          seed.rewrite = { ...seed.rewrite, safety: seed.rewrite.safety === 'safe' ? 'review' : seed.rewrite.safety, message: `${seed.rewrite.message.replace(/\.$/, '')}. Review: ${hazard.message}` };
          demoted = true;
        }
      }
      if (!demoted || ctx.willApply('review')) break;
    }
  }
  return ledger;
}

/**
 * The exists→create pairs of one function that become one call doing its own
 * check (a recursive mkdir, a writeFile with flag `wx`); returns the calls they fold.
 */
function foldExistsCreate(seeds: SeedLike[]): Set<ts.CallExpression> {
  const folded = new Set<ts.CallExpression>();
  for (const exists of seeds) {
    if ('manual' in exists.rewrite) continue;
    for (const act of seeds) {
      if (act === exists || 'manual' in act.rewrite || folded.has(act.blocking.call.compilerNode)) continue;
      const call = act.blocking.call.compilerNode;
      const ifs = existsThenCreate(exists.blocking.call.compilerNode, call);
      if (!ifs) continue;
      const edit = createAtomicEdit(ifs, call, act.rewrite.edits);
      if (!edit) continue;
      const line = act.file.sf.getLineAndCharacterOfPosition(ifs.getStart()).line + 1;
      const mkdir = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text === 'mkdirSync' : call.expression.getText() === 'mkdirSync';
      exists.rewrite = {
        edits: [edit],
        imports: act.rewrite.imports,
        safety: 'review',
        message: mkdir
          ? `The existence check and the mkdir at line ${line} become one \`${edit.text}\`: with an await between a check and the mkdir, two requests could both see the directory missing and the second mkdir would fail (EEXIST); a recursive mkdir succeeds when the directory exists. Review: it also creates missing parent directories (the old code failed with ENOENT), and fails (EEXIST) where the path exists as a file (the old code went on)`
          : `The existence check and the write at line ${line} become one writeFile with flag \`wx\`, which creates the file only if it is missing and rejects with EEXIST otherwise (ignored, as the check skipped the write): with an await between a check and the write, two requests could both see the file missing and the second write would replace the first. Review: where the path is a dangling symbolic link, the old code wrote through it and the new one does not`,
      };
      act.rewrite = { edits: [], imports: [], safety: 'review', message: `Folded into the ${mkdir ? 'recursive mkdir' : 'exclusive writeFile'} that replaces the existence check at line ${line}` };
      exists.awaitAt = call;
      act.awaitAt = null;
      folded.add(exists.blocking.call.compilerNode);
      folded.add(call);
      break;
    }
  }
  return folded;
}

/**
 * Finds the hazards whose window holds a newly awaited call of a function
 * that became async. Under `--safety review` they are recorded (the await
 * is labelled review); under `--safety safe` each such call becomes a stop
 * edge, and the return value says the plan must be made again.
 */
export function planEdgeHazards(
  ctx: AdapterRunContext,
  builder: GraphBuilder,
  model: ProjectModel,
  result: PropagationResult,
  seeds: SeedLike[],
  fsCalls: Map<FunctionInfo, ts.CallExpression[]>,
  ledger: HazardLedger,
): boolean {
  const edgesFrom = new Map<string, GraphEdge[]>();
  for (const e of result.awaitEdges) {
    if (e.from === null) continue;
    const list = edgesFrom.get(e.from);
    if (list) list.push(e);
    else edgesFrom.set(e.from, [e]);
  }
  // Calls the type checker resolved after the first pass count too.
  ledger.effects = new CallEffects(builder, model, fsCalls);
  const seedsOf = new Map<FunctionInfo, SeedLike[]>();
  for (const s of seeds) if (s.fn) seedsOf.set(s.fn, [...(seedsOf.get(s.fn) ?? []), s]);
  let stopped = false;
  for (const [id, edges] of edgesFrom) {
    const fn = builder.byId.get(id);
    if (!fn || fn.module) continue;
    const points: Point[] = [];
    if (result.rewriteIn.has(id)) {
      for (const s of seedsOf.get(fn) ?? []) {
        const p = !('manual' in s.rewrite) && ctx.willApply(s.rewrite.safety) ? seedPoint(s) : undefined;
        if (p) points.push(p);
      }
    }
    for (const e of edges) {
      const site = builder.sites.get(e);
      if (site && (site.kind === 'call' || site.kind === 'foreach' || site.kind === 'map' || site.kind === 'predicate' || site.kind === 'flow')) points.push({ node: site.call, ref: e });
    }
    const folded = new Set((seedsOf.get(fn) ?? []).filter((s) => s.awaitAt !== undefined).map((s) => s.blocking.call.compilerNode));
    const calls = (fsCalls.get(fn) ?? []).filter((c) => !folded.has(c));
    for (const hazard of interleavingHazards(fn.node, fn.file.sf, model, calls, points, { handler: fn.registration !== undefined, calls: ledger.effects.callsOf(fn) })) {
      const edges = hazard.points.map((p) => p.ref).filter((r): r is GraphEdge => 'mode' in r);
      if (edges.length === 0) continue;
      record(ledger, fn, hazard);
      for (const e of edges) {
        if (ctx.willApply('review')) {
          if (!ledger.edges.has(e)) ledger.edges.set(e, hazard);
          continue;
        }
        e.mode = 'stop';
        e.stopKind = INTERLEAVING_STOP;
        e.stopReason = `an await here would split what ran atomically (lines ${hazard.first.line} to ${hazard.second.line}; see interleaving-hazard), and --safety safe does not apply that`;
        stopped = true;
      }
    }
  }
  return stopped;
}

/** Stop kinds of callbacks kept sync under `--safety safe` because their restructuring is review. */
export const REVIEW_CALLBACK_STOP = { foreach: 'review-foreach', map: 'review-map', predicate: 'review-predicate' } as const;

/**
 * Under `--safety safe`, forEach loops on a receiver awaitify cannot type (or
 * one the callback changes), maps whose callbacks have side effects and
 * predicate callbacks are not restructured (their findings are review). Their
 * callbacks must then not await either: the edges become stops, and the
 * callbacks keep their sync form.
 */
export function keepReviewCallbacksSync(ctx: AdapterRunContext, builder: GraphBuilder): void {
  if (ctx.willApply('review')) return;
  for (const [e, site] of builder.sites) {
    if (e.mode !== 'await') continue;
    let stop: { kind: string; reason: string } | undefined;
    if (site.kind === 'foreach' && !site.plan.knownReceiver) {
      stop = { kind: REVIEW_CALLBACK_STOP.foreach, reason: 'turning its forEach into for...of assumes the receiver iterates like an array, which awaitify cannot tell, and --safety safe does not apply that' };
    } else if (site.kind === 'foreach' && callbackChangesReceiver(site.plan.receiver, site.plan.callback)) {
      stop = { kind: REVIEW_CALLBACK_STOP.foreach, reason: 'its forEach callback changes the collection it iterates, which for...of would see, and --safety safe does not apply that' };
    } else if (site.kind === 'map' && site.concurrent) {
      stop = { kind: REVIEW_CALLBACK_STOP.map, reason: 'awaiting its map with Promise.all would run callbacks with side effects concurrently, and --safety safe does not apply that' };
    } else if (site.kind === 'predicate') {
      stop = { kind: REVIEW_CALLBACK_STOP.predicate, reason: 'awaiting its callbacks first would run every callback, concurrently, and --safety safe does not apply that' };
    }
    if (!stop) continue;
    e.mode = 'stop';
    e.stopKind = stop.kind;
    e.stopReason = stop.reason;
  }
}

/** Whether a forEach callback adds to or removes from the collection it iterates (`items.push(x)` inside `items.forEach`). */
export function callbackChangesReceiver(receiver: ts.Expression, callback: ts.Node): boolean {
  const text = skipOuter(receiver).getText().replace(/\s+/g, '');
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && ['push', 'unshift', 'splice', 'pop', 'shift', 'add', 'delete', 'set', 'clear'].includes(n.expression.name.text)) {
      if (skipOuter(n.expression.expression).getText().replace(/\s+/g, '') === text) found = true;
    }
    ts.forEachChild(n, visit);
  };
  visit(callback);
  return found;
}

