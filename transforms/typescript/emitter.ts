// The emitter: turns the plan (what becomes async, which calls are awaited,
// where propagation stops) and the seeds into findings with their edits, in
// the order their same-offset insertions must apply.
import { ts } from 'ts-morph';
import type { GraphEdge, PropagationResult } from '../core/plan.js';
import { inScope } from '../core/scope.js';
import { functionKey } from '../core/units.js';
import type { AdapterRunContext, Finding, TextEdit } from '../core/types.js';
import { ESCAPING_REFERENCE, EXTERNAL_CONTRACT, UNRESOLVED_RECEIVER } from './analysis/escapes.js';
import { detectIndentUnit, expressAsyncErrorEdits, type ExpressWrapNamer } from './express.js';
import { forEachEdits } from './foreach.js';
import { fastifyHookDoneEdits, fastifyReturnReplyEdits, koaAwaitNextEdits, nestPipeResultEdits } from './frameworks.js';
import { nestOnModuleInitFindings } from './nest.js';
import { promiseSignatureEdits, returnTypeOfEdits, type LinkedSignature } from './analysis/hierarchy.js';
import type { FunctionInfo, GraphBuilder, SiteInfo } from './analysis/graph.js';
import { isFunctionLike, skipOuter, type FileInfo, type FunctionLike, type ProjectModel } from './analysis/model.js';
import { RULE } from './rules.js';
import { awaitNeedsParens, awaitWrapEdits } from './syntax.js';
import { findParallelAwaits } from './parallel.js';
import { predicateEdits } from './predicate.js';
import { iifeWrapEdits } from './toplevel.js';
import { INTERVAL_ADVICE, INTERVAL_KIND, INTERVAL_RULE, intervalReview } from './rules/interval-async-callback.js';
import { PUBLIC_API_ADVICE, PUBLIC_API_KIND } from './rules/public-api.js';
import { TEST_DONE_KIND, TEST_DONE_RULE, VERIFY_DONE_KIND, testDoneWrapFinding, testDoneWrapOf } from './rules/test-done-callback.js';
import { STARTUP_ONLY_KIND, STARTUP_ONLY_RULE, isTestOnly, startupNote, testOnlyNote } from './rules/startup-only-io.js';
import { twinReference, type TwinPlan } from './twin.js';
import { MISSING_AWAIT_RULE, type MissingAwait } from './rules/missing-await.js';
import { INTERLEAVING_STOP, REVIEW_CALLBACK_STOP, callbackChangesReceiver, type HazardLedger } from './analysis/interleaving-plan.js';
import type { BlockingRewrite, Seed } from './engine.js';

/**
 * Why awaiting a `next();` statement is a change to review: koa-compose turns a
 * downstream throw into a rejected promise, which a middleware that drops
 * `next()`'s result never sees.
 */
const KOA_NEXT_ERRORS_REVIEW =
  "Review: an error thrown downstream now reaches this middleware (the code after `next()` no longer runs) and Koa's error handling (logged, answered with the error's status, 500 by default); before, `next()`'s rejected promise was dropped: an unhandled rejection, and the response went out as it stood.";

/** Findings of one file in the order their same-offset insertions must apply. */
class FileFindings {
  private readonly items: { rank: number[]; finding: Finding }[] = [];
  add(rank: number[], finding: Finding): void {
    this.items.push({ rank, finding });
  }
  edits(): TextEdit[] {
    return this.items.flatMap((i) => i.finding.edits);
  }
  sorted(): Finding[] {
    return this.items
      .map((item, index) => ({ ...item, index }))
      .sort((a, b) => compareRanks(a.rank, b.rank) || a.index - b.index)
      .map((i) => i.finding);
  }
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

// Insertions at one offset apply in finding order: loops that wrap a receiver
// first, then awaits (outer before inner), then the catalog's rewrites, then the rest.
const RANK_FOREACH = 0;
const RANK_AWAIT = 1;
const RANK_BLOCKING = 2;
const RANK_FUNCTION = 3;
const RANK_MANUAL = 4;
const RANK_LAST = 5;

/** The finding fields of an applied (or, under a stricter --safety, proposed) rewrite. */
function rewriteFinding(rewrite: Exclude<BlockingRewrite, { manual: string }>): Pick<Finding, 'message' | 'safety' | 'edits' | 'imports' | 'needsFile'> {
  return {
    message: rewrite.message,
    safety: rewrite.safety,
    edits: rewrite.edits,
    ...(rewrite.imports.length ? { imports: rewrite.imports } : {}),
    ...(rewrite.needsFile ? { needsFile: rewrite.needsFile } : {}),
  };
}

export function callText(call: ts.CallExpression): string {
  const text = call.getText().replace(/\s+/g, ' ');
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
}

export class Emitter<N extends ExpressWrapNamer> {
  private readonly byFile = new Map<string, FileFindings>();
  /** forEach callbacks that are inlined into a loop: they get no `async` of their own. */
  private readonly inlined = new Set<string>();
  /** Calls whose receiver position disappears (a restructured forEach's receiver). */
  private readonly loopReceivers = new Set<ts.Node>();
  private readonly awaitedCalls = new Set<ts.Node>();

  /**
   * Functions on a request path only through a callback that must stay sync
   * (`items.filter(cb)` in a handler): the planner does not count them as
   * reachable, but their blocking calls still block requests, so they are
   * reported, with the first such edge on the way.
   */
  private readonly behindStop = new Map<string, GraphEdge>();
  private readonly reportedStops = new Set<GraphEdge>();

  constructor(
    private readonly ctx: AdapterRunContext,
    private readonly builder: GraphBuilder,
    private readonly model: ProjectModel,
    private readonly result: PropagationResult,
    private readonly namerOf: (file: FileInfo) => N,
    private readonly twins: Map<string, TwinPlan>,
    private readonly hazards: HazardLedger,
    private readonly missingAwaits: MissingAwait[],
    /** Functions that are seeds because of missing awaits (their only seeds when the count equals graph.seeds). */
    private readonly missingSeeds: Map<string, MissingAwait[]>,
    /** Functions handed to `setInterval`: their runs can overlap once they await. */
  ) {
    this.findFunctionsBehindStops();
    for (const e of result.awaitEdges) {
      const site = builder.sites.get(e);
      if (site?.kind === 'foreach') {
        this.inlined.add(e.to);
        this.loopReceivers.add(skipOuter(site.plan.receiver));
      }
    }
  }

  private findFunctionsBehindStops(): void {
    const outgoing = new Map<string, GraphEdge[]>();
    for (const e of this.builder.edges) {
      if (e.from === null) continue;
      const list = outgoing.get(e.from);
      if (list) list.push(e);
      else outgoing.set(e.from, [e]);
    }
    const queue: { id: string; via?: GraphEdge }[] = [...this.result.reachable].map((id) => ({ id }));
    const seen = new Set(this.result.reachable);
    for (let i = 0; i < queue.length; i++) {
      const { id, via } = queue[i]!;
      for (const e of outgoing.get(id) ?? []) {
        if (seen.has(e.to)) continue;
        seen.add(e.to);
        const stop = e.mode === 'stop' ? e : via;
        if (stop) this.behindStop.set(e.to, stop);
        queue.push({ id: e.to, via: stop });
      }
    }
  }

  findings(): Finding[] {
    return [...this.byFile.values()].flatMap((f) => f.sorted());
  }

  /** Ranges other findings replace, per file: re-indentation must not insert inside them. */
  private readonly replaced = new Map<string, [number, number][]>();

  private add(rank: number[], finding: Finding): void {
    if (!this.ctx.isRuleEnabled(finding.rule)) return;
    for (const e of finding.edits) {
      if (e.end <= e.start) continue;
      const list = this.replaced.get(finding.path);
      if (list) list.push([e.start, e.end]);
      else this.replaced.set(finding.path, [[e.start, e.end]]);
    }
    let list = this.byFile.get(finding.path);
    if (!list) this.byFile.set(finding.path, (list = new FileFindings()));
    list.add(rank, finding);
  }

  private at(file: FileInfo, node: ts.Node): { line: number; column: number; endLine: number; endColumn: number } {
    const s = file.sf.getLineAndCharacterOfPosition(node.getStart(file.sf));
    const e = file.sf.getLineAndCharacterOfPosition(node.getEnd());
    return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
  }

  /** `async` on every function that became async, `Promise<T>` return types, Express 4 error forwarding, `return await` in try. */
  emitFunctions(): void {
    for (const [id, planFn] of this.result.async) {
      if (this.inlined.has(id)) continue;
      const info = this.builder.byId.get(id)!;
      const { node, file } = info;
      const edits = asyncKeywordEdits(node, file);
      const via = planFn.via ? this.builder.byId.get(planFn.via)?.graph.name : undefined;
      const missing = this.missingSeeds.get(id);
      const why =
        planFn.reason === 'blocking-call' && missing?.length === info.graph.seeds
          ? `it awaits \`${missing[0]!.callee.graph.name}\`, an async function it called without await`
          : planFn.reason === 'blocking-call'
          ? 'it contains a blocking call that is rewritten to its async form'
          : this.isHierarchyLink(id, planFn.via)
            ? `\`${via ?? planFn.via}\` became async, and methods that override one another or implement one interface or function type change together`
            : `it awaits \`${via ?? planFn.via}\`, which became async`;
      const twin = this.twins.get(id);
      // `implements PipeTransform<string, string>`: the interface's result type argument promises too.
      if (!twin) edits.push(...nestPipeResultEdits(node, this.model));
      const typeNote = edits.length > 1 ? ' Its return type becomes a Promise.' : '';
      const start = node.getStart(file.sf);
      if (twin) {
        this.emitTwin(twin, edits, why, typeNote);
      } else if (testDoneWrapOf(this.builder, id)) {
        // Not async itself: its body moves into an async IIFE (emitTestDoneWraps).
      } else {
        const interval = intervalReview(this.builder, id);
        this.add([RANK_FUNCTION, start, 0], {
          rule: interval ? INTERVAL_RULE : RULE.asyncPropagation,
          path: file.path,
          ...this.at(file, node),
          message: `\`${info.graph.name}\` becomes async: ${why}.${typeNote}${interval ? ` ${interval}` : ''}`,
          safety: interval ? 'review' : 'safe',
          edits,
        });
      }
      if ((info.registration?.framework === 'express' && this.expressNeedsWrap()) || info.registration?.framework === 'connect') this.emitExpressWrap(info);
      if (info.registration?.framework === 'fastify') this.emitFrameworkFix(info, RULE.fastifyReturnReply, fastifyReturnReplyEdits(node, this.model), `\`${info.graph.name}\` became async and answers with \`reply.send()\`: it now resolves with \`reply\`, since an async Fastify handler that resolves \`undefined\` after sending makes Fastify send again.`);
      if (info.registration?.framework === 'fastify') this.emitFrameworkFix(info, RULE.fastifyHookDone, fastifyHookDoneEdits(node, this.model), `\`${info.graph.name}\` became async: Fastify rejects an async hook that declares \`done\`, so the parameter goes and each \`done(...)\` call becomes what it means in an async hook (\`return\`, \`return payload\`, \`throw err\`).`);
      if (info.registration?.framework === 'koa') this.emitFrameworkFix(info, RULE.koaAwaitNext, koaAwaitNextEdits(node, this.model), `\`${info.graph.name}\` became async: \`next()\` is awaited so the downstream middleware finishes before it goes on. ${KOA_NEXT_ERRORS_REVIEW}`, 'review', this.koaAsyncMiddlewareKeys());
      this.emitReturnAwaitInTry(info);
    }
    for (const { offset, finding } of nestOnModuleInitFindings(this.builder, (id) => this.result.async.has(id))) this.add([RANK_FUNCTION, offset, 0], finding);
  }

  private hierarchyLinks: Map<string | null, Set<string>> | undefined;

  /** Whether an edge from `from` to `to` links an override and its base (the edges are indexed once: a scan per async function was quadratic). */
  private isHierarchyLink(from: string, to: string | undefined): boolean {
    if (!this.hierarchyLinks) {
      this.hierarchyLinks = new Map();
      for (const e of this.builder.edges) {
        if (this.builder.sites.get(e)?.kind !== 'hierarchy') continue;
        const targets = this.hierarchyLinks.get(e.from);
        if (targets) targets.add(e.to);
        else this.hierarchyLinks.set(e.from, new Set([e.to]));
      }
    }
    return to !== undefined && this.hierarchyLinks.get(from)?.has(to) === true;
  }

  /** Interface and abstract signatures promise what their implementations now return; `ReturnType<typeof f>` is unwrapped. */
  emitSignatures(signatures: LinkedSignature[]): void {
    const becameAsync = (id: string) => this.result.async.has(id) && !this.twins.has(id);
    for (const sig of signatures) {
      const impl = sig.implementations.find(becameAsync);
      if (!impl) continue;
      const edits = promiseSignatureEdits(sig.node, sig.file.sf);
      if (!edits.length) continue;
      const name = this.builder.byId.get(impl)!.graph.name;
      this.add([RANK_FUNCTION, sig.node.getStart(sig.file.sf), 0], {
        rule: RULE.asyncPropagation,
        path: sig.file.path,
        ...this.at(sig.file, sig.node),
        message: `The signature now returns a Promise: its implementation \`${name}\` became async.`,
        safety: 'safe',
        edits,
        // The signature and every implementation that became async change together.
        groups: sig.implementations.filter(becameAsync).map((id) => functionKey(this.builder.byId.get(id)!.graph.path, this.builder.byId.get(id)!.graph.line)),
      });
    }
    for (const file of this.model.files) {
      for (const r of returnTypeOfEdits(file, this.model, (node) => {
        const info = this.builder.functions.get(node);
        return Boolean(info && becameAsync(info.id));
      })) {
        this.add([RANK_FUNCTION, r.node.getStart(file.sf), 0], {
          rule: RULE.asyncPropagation,
          path: file.path,
          ...this.at(file, r.node),
          message: `\`${r.name}\` became async: \`ReturnType<typeof ${r.name}>\` is its promise now, so the type is unwrapped with \`Awaited<>\`.`,
          safety: 'safe',
          edits: r.edits,
        });
      }
    }
  }

  /**
   * The sync form stays under the old name (a verbatim copy inserted before the
   * function); the function itself becomes the async twin.
   */
  private emitTwin(twin: TwinPlan, asyncEdits: TextEdit[], why: string, typeNote: string): void {
    const { fn, nameNode } = twin;
    const { file, node } = fn;
    const sf = file.sf;
    const keptFor = this.syncCallerOf(fn.id);
    // The verbatim copy goes first at its offset; the rest follow in order.
    this.add([RANK_FOREACH - 1, twin.copy.start], {
      rule: RULE.asyncPropagation,
      path: file.path,
      ...this.at(file, node),
      message: `\`${twin.name}\` keeps its sync form${keptFor ? ` for ${keptFor}` : ''} (--api twin), and \`${twin.twinName}\` is added beside it: ${why}. Callers that can await use \`${twin.twinName}\`.${typeNote}`,
      safety: 'safe',
      edits: [twin.copy, ...asyncEdits, { start: nameNode.getStart(sf), end: nameNode.getEnd(), text: twin.twinName }, ...twin.extra],
    });
    this.emitTwinBarrels(twin);
    this.emitTwinSignatures(twin);
  }

  /** Barrels that re-export the function re-export the twin beside it. */
  private emitTwinBarrels(twin: TwinPlan): void {
    for (const [file, barrel] of twin.barrels) {
      if (!barrel.edits.length) continue;
      const first = barrel.edits.reduce((a, b) => (b.start < a.start ? b : a));
      const at = file.sf.getLineAndCharacterOfPosition(first.start);
      this.add([RANK_FUNCTION, first.start, 0], {
        rule: RULE.asyncPropagation,
        path: file.path,
        line: at.line + 1,
        column: at.character + 1,
        message: `\`${twin.name}\` is re-exported here: its async twin \`${twin.twinName}\` is re-exported beside it (--api twin), so importers of this module can reach it.`,
        safety: 'safe',
        edits: barrel.edits,
        ...(barrel.imports.length ? { imports: barrel.imports } : {}),
      });
    }
  }

  /** Interface and abstract signatures of a twinned group gain the twin's signature beside theirs. */
  private emitTwinSignatures(twin: TwinPlan): void {
    for (const sig of twin.signatures) {
      this.add([RANK_FUNCTION, sig.node.getStart(sig.file.sf), 0], {
        rule: RULE.asyncPropagation,
        path: sig.file.path,
        ...this.at(sig.file, sig.node),
        message: `The signature keeps its sync form (--api twin), and \`${twin.twinName}\` returning a Promise is added beside it: its implementations gained async twins.`,
        safety: 'safe',
        edits: [sig.edit],
      });
    }
  }

  /** A caller that keeps the sync form, for the message. */
  private syncCallerOf(id: string): string | undefined {
    const b = this.result.boundaries.find((x) => {
      const info = this.builder.byId.get(id);
      return info && x.callee === info.graph.name;
    });
    if (!b) return undefined;
    if (b.kind === PUBLIC_API_KIND) return "the package's users";
    return `${b.function === '<module>' ? 'module top-level code' : `\`${b.function}\``} (${b.path}:${b.line})`;
  }

  /**
   * Once a Koa middleware became async, a sync one upstream that calls `next()`
   * without returning it resolves before the downstream work finishes, and Koa
   * responds too early: it becomes async and awaits `next()` too.
   */
  emitKoaUpstream(): void {
    const downstream = this.koaAsyncMiddlewareKeys();
    if (!downstream.length) return;
    for (const info of this.builder.byId.values()) {
      if (info.registration?.framework !== 'koa' || info.graph.alreadyAsync || this.result.async.has(info.id) || info.graph.cannotBeAsync) continue;
      const next = koaAwaitNextEdits(info.node, this.model);
      if (!next.length) continue;
      const { node, file } = info;
      this.add([RANK_FUNCTION, node.getStart(file.sf), 3], {
        rule: RULE.koaAwaitNext,
        path: file.path,
        ...this.at(file, node),
        message: `\`${info.graph.name}\` calls \`next()\` without returning or awaiting it, and middleware downstream became async: Koa would respond before that work finishes, so it becomes async and awaits \`next()\`. ${KOA_NEXT_ERRORS_REVIEW}`,
        safety: 'review',
        edits: [...asyncKeywordEdits(node, file), ...next],
        groups: downstream,
        bindsUnit: true,
      });
    }
  }

  /**
   * The Koa middleware that became async, as unit keys. A middleware that has to await
   * `next()` goes in one unit with them: applied without it (`--safety safe` leaves a review
   * out), they would finish after Koa answered.
   */
  private koaAsyncMiddlewareKeys(): string[] {
    return [...this.result.async.keys()]
      .map((id) => this.builder.byId.get(id))
      .filter((info) => info?.registration?.framework === 'koa')
      .map((info) => functionKey(info!.graph.path, info!.graph.line));
  }

  private emitFrameworkFix(info: FunctionInfo, rule: string, edits: TextEdit[], message: string, safety: 'safe' | 'review' = 'safe', groups?: string[]): void {
    if (edits.length === 0) return;
    const { node, file } = info;
    // A review fix the code needs once async (Koa's awaited `next()`) holds its unit back under --safety safe.
    this.add([RANK_FUNCTION, node.getStart(file.sf), 3], { rule, path: file.path, ...this.at(file, node), message, safety, edits, ...(groups ? { groups } : {}), ...(safety === 'safe' ? {} : { bindsUnit: true }) });
  }

  private expressNeedsWrap(): boolean {
    const v = this.ctx.targets.express;
    if (!v) return true;
    const major = Number.parseInt(v, 10);
    return !Number.isFinite(major) || major < 5;
  }

  private emitExpressWrap(info: FunctionInfo): void {
    if (!this.ctx.isRuleEnabled(RULE.express4AsyncErrors)) return;
    const { node, file } = info;
    const wrap = expressAsyncErrorEdits(node, info.registration!.method, file.isTypeScript, () => this.namerOf(file), this.replaced.get(file.path) ?? []);
    if ('skip' in wrap) return;
    this.add([RANK_FUNCTION, node.getStart(file.sf), 1], {
      rule: RULE.express4AsyncErrors,
      path: file.path,
      ...this.at(file, node),
      message: `\`${info.graph.name}\` became async: under Express 4 a rejected handler promise never reaches the error middleware, so its body now forwards errors with \`next(err)\`.`,
      safety: 'safe',
      edits: wrap.edits,
      ...(wrap.imports.length ? { imports: wrap.imports } : {}),
    });
  }

  private emitReturnAwaitInTry(info: FunctionInfo): void {
    const { node, file } = info;
    if (!node.body || !ts.isBlock(node.body)) return;
    const visit = (n: ts.Node, inTry: boolean): void => {
      if (isFunctionLike(n) || ts.isClassLike(n)) return;
      if (ts.isTryStatement(n)) {
        visit(n.tryBlock, true);
        if (n.catchClause) visit(n.catchClause, inTry);
        if (n.finallyBlock) visit(n.finallyBlock, inTry);
        return;
      }
      if (inTry && ts.isReturnStatement(n) && n.expression && this.isPendingPromise(n.expression)) {
        const start = n.expression.getStart(file.sf);
        this.add([RANK_FUNCTION, start, 2], {
          rule: RULE.returnAwaitInTry,
          path: file.path,
          ...this.at(file, n),
          message: '`return` of a promise inside `try`: awaited so that its rejection reaches the `catch` block. Review: a rejection that used to reach the caller is now handled by this `catch`, and a `finally` block now runs after the promise settles instead of before.',
          safety: 'review',
          edits: [{ start, end: start, text: 'await ' }],
        });
        return;
      }
      ts.forEachChild(n, (c) => visit(c, inTry));
    };
    visit(node.body, false);
  }

  /** Whether an expression evaluates to a promise nobody awaits (and no await edge covers). */
  private isPendingPromise(expr: ts.Expression, depth = 0): boolean {
    const e = skipOuter(expr);
    if (ts.isAwaitExpression(e) || depth > 3) return false;
    if (ts.isNewExpression(e)) return ts.isIdentifier(e.expression) && e.expression.text === 'Promise' && !this.model.lookup('Promise', e);
    if (ts.isCallExpression(e)) {
      if (this.awaitedCalls.has(e)) return false;
      const callee = skipOuter(e.expression);
      if (ts.isPropertyAccessExpression(callee)) {
        if (['then', 'catch', 'finally'].includes(callee.name.text)) return true;
        if (ts.isIdentifier(callee.expression) && callee.expression.text === 'Promise' && !this.model.lookup('Promise', callee)) {
          return ['all', 'allSettled', 'any', 'race', 'resolve', 'reject'].includes(callee.name.text);
        }
      }
      if (ts.isIdentifier(callee) && callee.text === 'fetch' && !this.model.lookup('fetch', callee)) return true;
      const target = this.model.functionOf(this.model.valueOf(callee));
      if (target) {
        const fn = this.builder.functions.get(target.node);
        return Boolean(fn?.graph.alreadyAsync);
      }
      return false;
    }
    if (ts.isIdentifier(e)) {
      const decl = this.model.lookup(e.text, e);
      if (decl && ts.isVariableDeclaration(decl) && decl.initializer && ts.isVariableDeclarationList(decl.parent) && decl.parent.flags & ts.NodeFlags.Const) {
        return this.isPendingPromise(decl.initializer, depth + 1);
      }
    }
    return false;
  }

  emitAwaits(): void {
    // Record every awaited call first: return-await-in-try must not double them.
    for (const e of this.result.awaitEdges) {
      const site = this.builder.sites.get(e);
      if (site?.kind === 'call') this.awaitedCalls.add(site.call);
    }
    const seen = new Set<ts.Node>();
    for (const e of this.result.awaitEdges) {
      const site = this.builder.sites.get(e);
      if (!site || site.kind === 'accessor' || site.kind === 'hierarchy' || site.kind === 'escape' || seen.has(site.call)) continue;
      seen.add(site.call);
      if (site.kind === 'call') this.emitAwaitCall(e, site);
      else if (site.kind === 'foreach') this.emitForEach(e, site);
      else if (site.kind === 'map') this.emitMap(e, site);
      else if (site.kind === 'predicate') this.emitPredicate(site);
      else if (site.kind === 'flow') this.emitFlow(site);
    }
  }

  /** `flow(f, g)(x)` with an async step: written out as `g(await f(x))`, each async step awaited. */
  private emitFlow(site: Extract<SiteInfo, { kind: 'flow' }>): void {
    const { call, file, steps } = site;
    const sf = file.sf;
    const asyncSteps: string[] = [];
    let text = call.arguments.map((a) => a.getText(sf)).join(', ');
    steps.forEach((step, i) => {
      const info = step.fn ? this.builder.functions.get(step.fn.node) : undefined;
      const isAsync = info !== undefined && this.result.async.has(info.id);
      if (isAsync) asyncSteps.push(info!.graph.name);
      const stepText = ts.isIdentifier(skipOuter(step.expr)) || ts.isCallExpression(skipOuter(step.expr)) || ts.isPropertyAccessExpression(skipOuter(step.expr)) ? step.expr.getText(sf) : `(${step.expr.getText(sf)})`;
      const applied = `${stepText}(${text})`;
      text = isAsync ? `await ${applied}` : applied;
    });
    if (asyncSteps.length === 0) return;
    const last = steps[steps.length - 1]!;
    const lastAsync = last.fn !== undefined && this.result.async.has(this.builder.functions.get(last.fn.node)?.id ?? '');
    if (lastAsync && awaitNeedsParens(call)) text = `(${text})`;
    const start = call.getStart(sf);
    this.add([RANK_AWAIT, start, -(call.getEnd() - start)], {
      rule: RULE.asyncPropagation,
      path: file.path,
      ...this.at(file, call),
      message: `${asyncSteps.map((n) => `\`${n}\``).join(', ')} ${asyncSteps.length === 1 ? 'is' : 'are'} async now: the \`flow(...)\` pipeline, which would hand a promise to the next step, is written out as nested calls that await ${asyncSteps.length === 1 ? 'it' : 'them'}.`,
      safety: 'safe',
      edits: [{ start, end: call.getEnd(), text }],
    });
  }

  private calleeName(e: GraphEdge): string {
    return this.builder.byId.get(e.to)?.graph.name ?? e.to;
  }

  private emitAwaitCall(e: GraphEdge, site: Extract<SiteInfo, { kind: 'call' }>): void {
    const { call, file } = site;
    const twin = this.twins.get(e.to);
    const renamed = twin ? twinReference(call.expression, twin, this.model) : undefined;
    const awaited = isAwaited(call);
    if (awaited && !renamed) return;
    const start = call.getStart(file.sf);
    const edits: TextEdit[] = awaited ? [] : this.loopReceivers.has(call) ? [{ start, end: start, text: 'await ' }] : awaitWrapEdits(call);
    if (renamed) edits.push(...renamed.edits);
    const tla = this.builder.moduleScopeOf(e.from)?.module === 'tla';
    const hazard = this.hazards.edges.get(e);
    const missing = this.missingAwaits.find((m) => m.call === call);
    if (missing && !tla && !renamed) {
      this.add([RANK_AWAIT, start, -(call.getEnd() - start)], this.missingAwaitFinding(missing, edits, hazard?.message));
      return;
    }
    this.add([RANK_AWAIT, start, -(call.getEnd() - start)], {
      rule: tla ? RULE.topLevelAwait : RULE.asyncPropagation,
      path: file.path,
      ...this.at(file, call),
      message:
        (tla
          ? `\`${this.calleeName(e)}\` is async now: this ES module awaits it at its top level (--toplevel await; no project file require()s the module). Review: a module with top-level await cannot be loaded with require() (ERR_REQUIRE_ASYNC_MODULE on Node 20.19+/22.12+), so CommonJS dependants, jest globalSetup and config loaders outside the project that require() it break, and modules that import it wait for it.`
          : twin ? `\`${this.calleeName(e)}\` has an async twin now: this call awaits \`${twin.twinName}\`.` : `\`${this.calleeName(e)}\` is async now: its call is awaited.`) + (hazard ? ` Review: ${hazard.message}` : ''),
      safety: tla || hazard ? 'review' : 'safe',
      edits,
      ...(renamed?.imports.length ? { imports: renamed.imports } : {}),
    });
  }

  /** The missing-await finding at a call, with its edits (an await) or, without edits, why none can be added. */
  private missingAwaitFinding(m: MissingAwait, edits: TextEdit[], review?: string, manual?: string): Finding {
    const file = m.callee.file === m.caller?.file || !m.caller ? this.model.fileOf(m.call)! : m.caller.file;
    if (m.handedTo) {
      manual = `it cannot tell whether \`${m.handedTo}\` wants the value or takes the promise on purpose (as \`waitUntil\`, \`respondWith\` or a timeout helper do): its receiver has no type awaitify can follow, or its parameter is typed \`any\` or generic, and an await would also run it only after \`${m.callee.graph.name}\` settles. Add \`await\` if it wants the value`;
    }
    const what = m.handedTo
      ? `\`${m.callee.graph.name}\` is async: this call's promise is passed to \`${m.handedTo}(...)\``
      : m.use === 'value'
        ? `\`${m.callee.graph.name}\` is async: this call gives a promise, which is used here as if it were the value`
        : `\`${m.callee.graph.name}\` is async: this call's promise is dropped, so nothing waits for it and its rejection goes unhandled`;
    const fix = manual
      ? ` awaitify does not add the await: ${manual}.`
      : m.use === 'value'
        ? ' The call is awaited.'
        : ' The call is awaited. Review: the caller now waits for it and sees its errors; if it was meant to run in the background, write `void` before it instead.';
    return {
      rule: MISSING_AWAIT_RULE,
      path: file.path,
      ...this.at(file, m.call),
      message: `${what}.${fix}${review ? ` Review: ${review}` : ''}`,
      safety: manual ? 'manual' : review ? 'review' : m.safety,
      edits: manual ? [] : edits,
    };
  }

  /**
   * Missing awaits in functions that were async already (the plan awaits those
   * in functions that became async, see emitAwaitCall), and the ones no await
   * can be added to, with the reason.
   */
  emitMissingAwaits(): void {
    for (const m of this.missingAwaits) {
      if (this.awaitedCalls.has(m.call)) continue;
      const start = m.call.getStart();
      const caller = m.caller;
      // A dropped promise in a function that was async already is not what a run leaves (it writes the
      // `async` and the `await` of one function together): background work on purpose, or a bug, a person decides.
      if (caller?.graph.alreadyAsync && !caller.module && m.use === 'dropped') {
        if (inScope(this.ctx.scope, caller.file.path)) {
          this.add([RANK_MANUAL, start], this.missingAwaitFinding(m, [], undefined, `\`${caller.graph.name}\` was async already, so the call may run in the background on purpose; add \`await\` if it must finish first, or write \`void\` before it to say it runs in the background`));
        }
        continue;
      }
      if (caller?.graph.alreadyAsync && !caller.module && inScope(this.ctx.scope, caller.file.path)) {
        this.add([RANK_AWAIT, start, -(m.call.getEnd() - start)], this.missingAwaitFinding(m, this.loopReceivers.has(m.call) ? [{ start, end: start, text: 'await ' }] : awaitWrapEdits(m.call)));
        continue;
      }
      // A dropped promise off the request paths (`main();` at the top of a script, a signal handler) is how a background task starts.
      if (m.use === 'dropped' && (!caller || caller.module || !this.result.reachable.has(caller.id))) continue;
      this.add([RANK_MANUAL, start], this.missingAwaitFinding(m, [], undefined, this.whyNoAwait(m)));
    }
  }

  private whyNoAwait(m: MissingAwait): string {
    const caller = m.caller;
    if (!caller || caller.module) return 'module top-level code cannot await (move it into an async function, such as an async `main()`, and await it there)';
    const name = `\`${caller.graph.name}\``;
    const pin = this.result.pinned.get(caller.id);
    if (pin) return `${name} stays sync: ${pin.reason}`;
    const cannot = caller.graph.cannotBeAsync;
    if (cannot) return `${name} cannot be async: ${cannot.reason}`;
    if (!this.ctx.willApply(m.safety)) return `awaiting a dropped promise is a change to review, not applied under --safety safe`;
    if (!this.result.reachable.has(caller.id)) return `${name} is not on a request path (no handler reaches it), so awaitify does not make it async; run with --entry all to include it`;
    return `${name} stays sync`;
  }

  /** Opt-in: independent consecutive awaits become one `await Promise.all([...])`, where no other rule edits them. */
  emitParallelAwaits(): void {
    if (!this.ctx.isRuleEnabled(RULE.parallelAwaits)) return;
    for (const file of this.model.files) {
      if (!file.text.includes('await')) continue;
      const others = this.byFile.get(file.path)?.edits() ?? [];
      for (const group of findParallelAwaits(file, this.model)) {
        const { start, end } = group.edit;
        if (others.some((e) => e.start <= end && e.end >= start)) continue;
        if (this.model.lookup('Promise', group.statements[0]!)) continue;
        this.add([RANK_FUNCTION, start, 4], {
          rule: RULE.parallelAwaits,
          path: file.path,
          ...this.at(file, group.statements[0]!),
          message: `${group.statements.length} independent awaits run one after the other: they start together with Promise.all. Review: the calls now overlap in time, and when several fail the first rejection (not the first call's) is the one thrown.`,
          safety: 'review',
          edits: [group.edit],
        });
      }
    }
  }

  /** CommonJS scripts whose top level now awaits: wrapped in an async IIFE (`--toplevel iife`). */
  emitModuleWraps(): void {
    for (const info of this.builder.byId.values()) {
      if (info.module !== 'iife') continue;
      const awaits = this.result.awaitEdges.some((e) => e.from === info.id) || (this.result.rewriteIn.has(info.id) && info.graph.seeds > 0);
      if (!awaits) continue;
      const edits = iifeWrapEdits(info.file, this.replaced.get(info.file.path) ?? []);
      if (!edits) continue;
      this.add([RANK_FOREACH - 2, 0], {
        rule: RULE.toplevelAsyncIife,
        path: info.file.path,
        line: 1,
        column: 1,
        message: 'The script\'s top level now awaits: its statements after the requires run inside an async IIFE whose errors set a failing exit code (--toplevel iife). Review: code after the first await now runs later, and anything that required this file (nothing in the project does) would no longer wait for it.',
        safety: 'review',
        edits,
      });
    }
  }

  /** Test bodies and hooks that take `done` and must await: their body runs in an async IIFE ending in `.catch(done)`. */
  emitTestDoneWraps(): void {
    for (const [id, planFn] of this.result.async) {
      const plan = testDoneWrapOf(this.builder, id);
      if (!plan) continue;
      const via = planFn.via ? this.builder.byId.get(planFn.via)?.graph.name : undefined;
      const why = planFn.reason === 'blocking-call' ? 'it contains a blocking call that is rewritten to its async form' : `it calls \`${via ?? planFn.via}\`, which became async`;
      const finding = testDoneWrapFinding(plan, this.replaced.get(plan.info.file.path) ?? [], why);
      if (finding) this.add([RANK_FOREACH - 2, plan.body.getStart(plan.info.file.sf)], { ...finding, ...this.at(plan.info.file, plan.info.node) });
    }
  }

  /** Functions handed over by name (`app.get('/', load)`) point at the async twin. */
  emitTwinReferences(): void {
    for (const e of this.builder.edges) {
      if (e.mode !== 'detached') continue;
      const twin = this.twins.get(e.to);
      if (!twin) continue;
      const arg = detachedReference(e, this.builder);
      const renamed = arg && twinReference(arg, twin, this.model);
      if (!arg || !renamed) continue;
      const file = this.builder.sites.get(e)!.file;
      this.add([RANK_AWAIT, arg.getStart(file.sf)], {
        rule: RULE.asyncPropagation,
        path: file.path,
        ...this.at(file, arg),
        message: `\`${twin.name}\` has an async twin now: this reference takes \`${twin.twinName}\`.`,
        safety: 'safe',
        edits: renamed.edits,
        ...(renamed.imports.length ? { imports: renamed.imports } : {}),
        // The reference names the twin: it goes with the function that gets one.
        groups: [functionKey(this.builder.byId.get(e.to)!.graph.path, this.builder.byId.get(e.to)!.graph.line)],
      });
    }
  }

  private emitForEach(e: GraphEdge, site: Extract<SiteInfo, { kind: 'foreach' }>): void {
    const { plan, file } = site;
    const start = plan.statement.getStart(file.sf);
    const receiverNote = plan.knownReceiver ? '' : ' Review: this assumes the receiver iterates like an array (a Map would yield [key, value] pairs).';
    const changesReceiver = callbackChangesReceiver(plan.receiver, plan.callback);
    const changeNote = changesReceiver ? ' Review: the callback changes the collection it iterates, and for...of sees elements added during the loop where forEach visited only those present at its start.' : '';
    this.add([RANK_FOREACH, start], {
      rule: RULE.forEachAsyncCallback,
      path: file.path,
      ...this.at(file, plan.call),
      message: `The forEach callback awaits ${this.calleeNameInside(e)}: forEach would not wait for it, so the loop becomes for...of.${receiverNote}${changeNote}${hazardNote(this.hazards.edges.get(e))}`,
      safety: plan.knownReceiver && !changesReceiver && !this.hazards.edges.has(e) ? 'safe' : 'review',
      edits: forEachEdits(plan),
    });
  }

  private calleeNameInside(e: GraphEdge): string {
    const planFn = this.result.async.get(e.to);
    const via = planFn?.via ? this.builder.byId.get(planFn.via)?.graph.name : undefined;
    return via ? `\`${via}\`` : 'a rewritten blocking call';
  }

  private emitMap(e: GraphEdge, site: Extract<SiteInfo, { kind: 'map' }>): void {
    const { call, file } = site;
    const start = call.getStart(file.sf);
    const end = call.getEnd();
    let edits: TextEdit[];
    const callee = call.expression;
    if (site.flat && ts.isPropertyAccessExpression(callee)) {
      // `xs.flatMap(cb)` → `(await Promise.all(xs.map(cb))).flat()`.
      const name = callee.name;
      edits = [
        { start, end: start, text: `${isAwaited(call) ? '' : '(await '}Promise.all(` },
        { start: name.getStart(file.sf), end: name.getEnd(), text: 'map' },
        { start: end, end, text: isAwaited(call) ? ').then((lists) => lists.flat())' : ')).flat()' },
      ];
    } else if (isAwaited(call)) edits = [{ start, end: start, text: 'Promise.all(' }, { start: end, end, text: ')' }];
    else if (!this.loopReceivers.has(call) && awaitNeedsParens(call)) edits = [{ start, end: start, text: '(await Promise.all(' }, { start: end, end, text: '))' }];
    else edits = [{ start, end: start, text: 'await Promise.all(' }, { start: end, end, text: ')' }];
    this.add([RANK_AWAIT, start, -(end - start)], {
      rule: RULE.mapAsyncCallback,
      path: file.path,
      ...this.at(file, call),
      message:
        (site.flat ? 'The flatMap callback became async: it is written as a map whose promises are awaited with Promise.all, then flattened one level (`.flat()`, as flatMap does).' : 'The map callback became async: its promises are awaited with Promise.all.') +
        (site.concurrent ? ' Review: the callbacks now run concurrently, so their side effects interleave.' : '') +
        hazardNote(this.hazards.edges.get(e)),
      safety: site.concurrent || this.hazards.edges.has(e) ? 'review' : 'safe',
      edits,
    });
  }

  private emitPredicate(site: Extract<SiteInfo, { kind: 'predicate' }>): void {
    const { call, file, plan } = site;
    const namer = this.namerOf(file);
    const names = { keep: namer.freshLocal(plan.method === 'filter' ? 'keep' : 'answers'), items: plan.stableReceiver ? '' : namer.freshLocal('items') };
    const start = call.getStart(file.sf);
    const assumed = plan.knownArray ? '' : ' It assumes the receiver is an array (awaitify could not tell).';
    const early = plan.method === 'filter' ? '' : ` \`${plan.method}\` would have stopped at the first answer;`;
    // Last among same-offset insertions: what it appends after the callback follows the callback's own rewrites.
    this.add([RANK_LAST, start], {
      rule: RULE.predicateAsyncCallback,
      path: file.path,
      ...this.at(file, call),
      message: `The \`${plan.method}\` callback became async: the callbacks now run first, awaited together (\`await Promise.all(....map(cb))\`), and \`${plan.method}\` reads their answers. Review:${early} every callback now runs, concurrently, so side effects in them interleave.${assumed}`,
      safety: 'review',
      edits: predicateEdits(plan, names, file.text, this.wrapIndent(file, plan.statement)),
    });
  }

  /**
   * The indentation an Express 4 error-forwarding wrap will add around
   * `node` (its lines move into a `try` block): lines other rewrites insert
   * there must carry it too.
   */
  private wrapIndent(file: FileInfo, node: ts.Node): string {
    for (let info = this.builder.enclosing(node); info; info = info.node.parent ? this.builder.enclosing(info.node.parent) : null) {
      const framework = info.registration?.framework;
      if (!((framework === 'express' && this.expressNeedsWrap()) || framework === 'connect')) continue;
      if (!this.result.async.has(info.id) || !this.ctx.isRuleEnabled(RULE.express4AsyncErrors)) continue;
      const wrap = expressAsyncErrorEdits(info.node, info.registration!.method, file.isTypeScript, () => this.namerOf(file), []);
      if (!('skip' in wrap)) return detectIndentUnit(file.text);
    }
    return '';
  }

  emitSeeds(seeds: Seed<N>[]): void {
    for (const seed of seeds) {
      const { blocking, file, fn, rewrite } = seed;
      if (!fn) {
        // Module top level runs once at startup: reported only when every blocking call was asked for.
        if (this.ctx.entry === 'all') this.reportTopLevelSeed(seed);
        continue;
      }
      const call = blocking.call.compilerNode;
      const where = this.at(file, call);
      const stopEdge = this.behindStop.get(fn.id);
      const reachable = this.result.reachable.has(fn.id) || stopEdge !== undefined;
      if (fn.graph.cannotBeAsync?.kind === STARTUP_ONLY_KIND) {
        if (reachable) this.add([RANK_MANUAL, call.getStart(file.sf)], { rule: STARTUP_ONLY_RULE, path: file.path, ...where, message: startupNote(`${callText(call)} (${blocking.rule})`, `in \`${fn.graph.name}\`: ${fn.graph.cannotBeAsync.reason.replace(/^it runs only at start-up: /, '')}`), safety: 'review', edits: [] });
        continue;
      }
      if ('manual' in rewrite) {
        if (!reachable || seed.offloaded) continue;
        if (isTestOnly(this.builder, fn.id) && !this.result.rewriteIn.has(fn.id)) {
          this.add([RANK_MANUAL, call.getStart(file.sf)], { rule: STARTUP_ONLY_RULE, path: file.path, ...where, message: testOnlyNote(`${callText(call)} (${blocking.rule})`, fn.graph.name), safety: 'review', edits: [] });
          continue;
        }
        this.add([RANK_MANUAL, call.getStart(file.sf)], { rule: blocking.rule, path: file.path, ...where, message: rewrite.manual, safety: 'manual', edits: [] });
        continue;
      }
      if (this.result.rewriteIn.has(fn.id)) {
        this.add([RANK_BLOCKING, call.getStart(file.sf)], { rule: blocking.rule, path: file.path, ...where, ...rewriteFinding(rewrite) });
        continue;
      }
      if (!reachable) continue;
      if (isTestOnly(this.builder, fn.id)) {
        this.add([RANK_MANUAL, call.getStart(file.sf)], { rule: STARTUP_ONLY_RULE, path: file.path, ...where, message: testOnlyNote(`${callText(call)} (${blocking.rule})`, fn.graph.name), safety: 'review', edits: [] });
        continue;
      }
      if (stopEdge && !this.result.reachable.has(fn.id)) {
        this.reportStopEdge(stopEdge);
        const callback = this.builder.byId.get(stopEdge.to)?.graph.name ?? stopEdge.to;
        this.add([RANK_MANUAL, call.getStart(file.sf)], {
          rule: RULE.blockingCallUnmigrated,
          path: file.path,
          ...where,
          message: `Blocking call left as it is (${blocking.rule}): it runs inside \`${callback}\`, which cannot become async (${stopEdge.stopReason ?? 'its caller needs a synchronous result'}; ${stopEdge.site.path}:${stopEdge.site.line}). ${adviceFor(stopEdge.stopKind)}`,
          safety: 'manual',
          edits: [],
        });
        continue;
      }
      // Under --safety safe a change to review (an await splitting a check from its act) is not applied; a function a caller keeps sync in every mode would not apply it either.
      const anyway = !this.ctx.willApply(rewrite.safety) && !fn.graph.cannotBeAsync && this.ctx.api !== 'twin' ? this.syncAnyway(fn) : undefined;
      if (anyway) {
        if (anyway.edge.mode === 'stop') this.reportStopEdge(anyway.edge);
        this.add([RANK_MANUAL, call.getStart(file.sf)], {
          rule: RULE.blockingCallUnmigrated,
          path: file.path,
          ...where,
          message: `Blocking call left as it is (${blocking.rule}): \`${fn.graph.name}\` stays sync whatever --safety says: ${anyway.reason} (${anyway.edge.site.path}:${anyway.edge.site.line}). ${adviceFor(anyway.edge.stopKind)}`,
          safety: 'manual',
          edits: [],
        });
        continue;
      }
      if (!this.ctx.willApply(rewrite.safety) && !fn.graph.cannotBeAsync) {
        // Reported with its edits so the user sees what a looser --safety would do; the core does not apply it.
        this.add([RANK_BLOCKING, call.getStart(file.sf)], { rule: blocking.rule, path: file.path, ...where, ...rewriteFinding(rewrite) });
        continue;
      }
      const pin = this.result.pinned.get(fn.id);
      const reason = fn.graph.cannotBeAsync
        ? `\`${fn.graph.name}\` cannot be async (${fn.graph.cannotBeAsync.reason})`
        : pin
          ? `\`${fn.graph.name}\` stays sync: ${stripStaysSync(pin.reason)} (${pin.path}:${pin.line})`
          : `\`${fn.graph.name}\` stays sync`;
      this.add([RANK_MANUAL, call.getStart(file.sf)], {
        rule: RULE.blockingCallUnmigrated,
        path: file.path,
        ...where,
        message: `Blocking call left as it is (${blocking.rule}): ${reason}. ${adviceFor(fn.graph.cannotBeAsync?.kind ?? pin?.kind)}`,
        safety: 'manual',
        edits: [],
      });
    }
  }

  private reportTopLevelSeed(seed: Seed<N>): void {
    const { blocking, file } = seed;
    const call = blocking.call.compilerNode;
    if (inClassBody(call)) {
      // A class field initialiser runs at construction, not at start-up, and cannot await.
      this.add([RANK_MANUAL, call.getStart(file.sf)], {
        rule: RULE.syncBoundary,
        path: file.path,
        ...this.at(file, call),
        message: `Blocking call left as it is (${blocking.rule}): it runs in a class field initialiser, which cannot await. Move it into an async method or factory.`,
        safety: 'manual',
        edits: [],
      });
      return;
    }
    this.add([RANK_MANUAL, call.getStart(file.sf)], {
      rule: STARTUP_ONLY_RULE,
      path: file.path,
      ...this.at(file, call),
      message: startupNote(`${callText(call)} (${blocking.rule})`, 'module top-level code'),
      safety: 'review',
      edits: [],
    });
  }

  /**
   * One finding per interleaving hazard in a function on a request path, naming both lines.
   * Only where the migration would add the await: a function that stays sync for
   * another reason (a listener behind a sync-only hand-over, a constructor, a pinned
   * function) gains no await point, and its blocking calls have their own manual findings.
   */
  emitInterleavingHazards(): void {
    const applied = this.ctx.willApply('review');
    for (const { fn, hazard } of this.hazards.found) {
      if (!this.result.reachable.has(fn.id) && !this.behindStop.has(fn.id)) continue;
      if (!this.gainsAwaitPoints(fn, applied)) continue;
      const { file } = fn;
      this.add([RANK_MANUAL, hazard.first.node.getStart(file.sf)], {
        rule: RULE.interleavingHazard,
        path: file.path,
        ...this.at(file, hazard.first.node),
        message: `${hazard.message} ${hazard.advice}${applied ? '' : ' The await is not inserted under --safety safe.'}`,
        safety: applied ? 'review' : 'manual',
        edits: [],
      });
    }
  }

  /**
   * Whether the migration makes the function await: it becomes async or is
   * already async and has calls rewritten, or (under --safety safe) it would
   * but for the review changes in a hazard's window.
   */
  private gainsAwaitPoints(fn: FunctionInfo, applied: boolean): boolean {
    if (this.result.async.has(fn.id) || this.result.rewriteIn.has(fn.id)) return true;
    if (applied) return false;
    if (!this.result.reachable.has(fn.id) || this.result.pinned.has(fn.id) || fn.graph.cannotBeAsync) return false;
    return this.syncAnyway(fn) === undefined;
  }

  /**
   * A call that keeps the function sync whatever --safety says (a listener
   * hand-over, top-level code, a caller that cannot be async or is pinned),
   * with the reason; undefined when --safety alone decides.
   */
  private syncAnyway(fn: FunctionInfo): { edge: GraphEdge; reason: string } | undefined {
    const safeOnly = new Set<string>([INTERLEAVING_STOP, ...Object.values(REVIEW_CALLBACK_STOP)]);
    for (const e of this.builder.edges) {
      if (e.to !== fn.id || e.mode === 'detached') continue;
      if (e.mode === 'stop') {
        if (!safeOnly.has(e.stopKind ?? '')) return { edge: e, reason: e.stopReason ?? 'its caller needs a synchronous result' };
        continue;
      }
      if (e.from === null) return { edge: e, reason: 'it is called from module top-level code, which cannot await' };
      const caller = this.builder.byId.get(e.from);
      if (caller?.graph.cannotBeAsync) return { edge: e, reason: `its caller \`${caller.graph.name}\` cannot be async (${caller.graph.cannotBeAsync.reason})` };
      if (this.result.pinned.has(e.from)) return { edge: e, reason: `its caller \`${caller?.graph.name ?? e.from}\` stays sync` };
    }
    return undefined;
  }

  emitBoundaries(): void {
    const fileByPath = new Map(this.model.files.map((f) => [f.path, f]));
    // A sync-only callback already reported where it is handed over needs no second finding.
    const reportedSites = new Set([...this.reportedStops].map((e) => `${e.site.path}:${e.site.line}:${e.site.column}`));
    for (const b of this.result.boundaries) {
      const file = fileByPath.get(b.path);
      if (!file || reportedSites.has(`${b.path}:${b.line}:${b.column}`)) continue;
      const rule = boundaryRule(b.kind);
      const twin = [...this.twins.values()].find((t) => t.fn.graph.name === b.callee);
      const caller = b.function === '<module>' ? 'module top-level code' : `\`${b.function}\``;
      this.add([RANK_MANUAL, offsetOf(file, b)], {
        rule,
        path: b.path,
        line: b.line,
        column: b.column,
        message: twin
          ? b.kind === PUBLIC_API_KIND
            ? `\`${b.callee}\` keeps its sync form for the package's users (${stripStaysSync(b.reason)}); \`${twin.twinName}\` is the async form for callers that can await. The sync form still blocks where it runs.`
            : `${caller} keeps calling the sync \`${b.callee}\` here (${stripStaysSync(b.reason)}); callers that can await use \`${twin.twinName}\`. The sync form still blocks where it runs.`
          : b.kind === UNRESOLVED_RECEIVER || b.kind === ESCAPING_REFERENCE || b.kind === PUBLIC_API_KIND || b.kind === EXTERNAL_CONTRACT
            ? `\`${b.callee}\` stays sync: ${stripStaysSync(b.reason)}. ${adviceFor(b.kind)}`
            : `\`${b.callee}\` stays sync: ${b.function === '<module>' ? 'module top-level code' : `\`${b.function}\``} ${boundaryRule(b.kind) === RULE.syncBoundary || b.kind === INTERLEAVING_STOP || b.kind === TEST_DONE_KIND ? 'calls it here and cannot await it' : 'hands it over here'} (${stripStaysSync(b.reason)}). ${adviceFor(b.kind)}`,
        safety: 'manual',
        edits: [],
      });
    }
  }

  /** A boundary finding for a sync-only callback that holds (or leads to) a blocking call. */
  private reportStopEdge(e: GraphEdge): void {
    if (this.reportedStops.has(e)) return;
    this.reportedStops.add(e);
    const file = this.model.files.find((f) => f.path === e.site.path);
    if (!file) return;
    const callback = this.builder.byId.get(e.to)?.graph.name ?? e.to;
    const caller = e.from === null ? 'module top-level code' : `\`${this.builder.byId.get(e.from)?.graph.name ?? e.from}\``;
    const kind = e.stopKind ?? 'sync-callback';
    this.add([RANK_MANUAL, offsetOf(file, e.site)], {
      rule: boundaryRule(kind),
      path: e.site.path,
      line: e.site.line,
      column: e.site.column,
      message:
        kind === UNRESOLVED_RECEIVER || kind === ESCAPING_REFERENCE
          ? `\`${callback}\` reaches a blocking call but stays sync: ${e.stopReason}. ${adviceFor(kind)}`
          : `\`${callback}\` reaches a blocking call but stays sync: ${caller} hands it over here and ${e.stopReason ?? 'needs a synchronous result'}. ${adviceFor(kind)}`,
      safety: 'manual',
      edits: [],
    });
  }
}

/** The planner prefixes a pinned function's reason with "<name> stays sync: "; the message says that already. */
function stripStaysSync(reason: string): string {
  const i = reason.indexOf(' stays sync: ');
  return i >= 0 ? reason.slice(i + ' stays sync: '.length) : reason;
}

function offsetOf(file: FileInfo, site: { line: number; column: number }): number {
  try {
    return file.sf.getPositionOfLineAndCharacter(site.line - 1, site.column - 1);
  } catch {
    return 0;
  }
}

function boundaryRule(kind: string): string {
  switch (kind) {
    case 'sync-callback':
    case 'event-listener':
    case 'unknown-callback':
    case 'promise-executor':
    case 'test-suite':
    case 'exit-listener':
      return RULE.asyncCallbackBoundary;
    case 'optional-chain-map':
      return RULE.mapAsyncCallback;
    case INTERVAL_KIND:
      return INTERVAL_RULE;
    case TEST_DONE_KIND:
      return TEST_DONE_RULE;
    case 'foreach-callback':
      return RULE.forEachAsyncCallback;
    case INTERLEAVING_STOP:
      return RULE.interleavingHazard;
    case REVIEW_CALLBACK_STOP.foreach:
      return RULE.forEachAsyncCallback;
    case REVIEW_CALLBACK_STOP.map:
      return RULE.mapAsyncCallback;
    case REVIEW_CALLBACK_STOP.predicate:
      return RULE.predicateAsyncCallback;
    default:
      return RULE.syncBoundary;
  }
}

function adviceFor(kind: string | undefined): string {
  switch (kind) {
    case 'constructor':
      return 'Move the async work into an async factory (a `static async create()`, or a function) that awaits it and passes the result to the constructor, or use --api twin.';
    case 'getter':
    case 'setter':
      return 'Replace the accessor with an async method (`getX()` / `setX()`) and await it at its call sites.';
    case 'generator':
      return 'Turn the generator into an async generator and iterate it with `for await`, by hand.';
    case 'type-guard':
      return 'Compute the value before the check, then call the guard on it.';
    case 'module-top-level':
      return 'Module top level stays sync by default: an ES module with top-level await cannot be require()d (ERR_REQUIRE_ASYNC_MODULE) and CommonJS has no top-level await. Use --api twin to keep a sync form for start-up and an async one for requests, call it from an async function (an async `main()` or the handler that needs it), or opt in with --toplevel await (ES modules) / --toplevel iife (CommonJS scripts), which are review. A class field initialiser cannot await at all.';
    case 'sync-callback':
      return 'Compute the values first (e.g. `const values = await Promise.all(items.map(...))`) and use them in the callback, or rewrite the loop as `for...of` with `await`.';
    case 'foreach-callback':
      return 'Rewrite the forEach as a `for...of` loop by hand so each iteration can await.';
    case 'event-listener':
      return 'Make the listener async only if nothing relies on it finishing before the next event, and catch its errors inside it.';
    case 'promise-executor':
      return 'Await the value before creating the promise, or chain it with `.then`.';
    case 'test-suite':
      return 'Move the call into a `before`/`beforeAll` hook or into the test itself.';
    case 'unknown-callback':
      return 'Check that the callee awaits its callback (then the callback can be async) or restructure the code by hand.';
    case 'pinned-caller':
      return 'Its caller stays sync for the reason reported at that caller.';
    case INTERVAL_KIND:
      return INTERVAL_ADVICE;
    case PUBLIC_API_KIND:
      return PUBLIC_API_ADVICE;
    case TEST_DONE_KIND:
      return 'Rewrite the body by hand as a block whose statements run in `(async () => { ... })().catch(done)`, or drop `done` and make the function async (return nothing else), calling what `done()` meant by returning and what `done(err)` meant by throwing.';
    case VERIFY_DONE_KIND:
      return 'Rewrite the body by hand so that `done` is called only at the end, then let its statements run in `(async () => { ... })().catch(done)`.';
    case 'exit-listener':
      return "Do the async work before the process exits (in a `beforeExit` listener, or before calling `process.exit()`); an 'exit' listener can only do synchronous cleanup.";
    case 'react-component':
      return 'Load the data outside the component (a server component, a route loader, or an effect that sets state) and pass it in as props: a component must return its JSX synchronously.';
    case 'parameter-default':
      return 'Move the default into the function body (`if (x === undefined) x = await ...`) so the call can be awaited there.';
    case 'optional-chain':
      return 'Split the chain by hand so the short-circuit stays: `const v = await obj.load?.(x); const r = v === undefined ? v : v.rest();`.';
    case 'optional-chain-map':
      return 'Rewrite it by hand, keeping the short-circuit: `xs == null ? xs : await Promise.all(xs.map(async (x) => ...))`.';
    case 'client-component':
      return "Move the server-side work into a Server Component, a route handler or a server action, and pass the result in as props.";
    case 'fastify-sync-hook':
      return 'Do the blocking work once at startup (in an async plugin or before `listen`) and read its result in the hook.';
    case 'fastify-done-hook':
      return 'Rewrite the hook by hand as an async function without `done` (resolve to continue, throw to fail, return the payload in payload hooks), or keep it callback-style and move the blocking work into an async function whose promise calls `done`.';
    case 'nest-constructor':
      return 'Move the I/O into `async onModuleInit()` (Nest awaits it before the application serves requests) and keep its result on the instance, or use an async provider factory (`useFactory: async () => ...`).';
    case UNRESOLVED_RECEIVER:
      return 'Give the receiver a type awaitify can follow (a JSDoc `@type` or TypeScript annotation naming the class), or use --api twin so that call keeps a sync form.';
    case ESCAPING_REFERENCE:
      return 'Call it by name where it is used, so awaitify can await each call, or use --api twin so the calls it cannot see keep a sync form.';
    case EXTERNAL_CONTRACT:
      return 'Keep it sync, or move the blocking work out of it (into a service the filter does not wait for, or into start-up) by hand.';
    case REVIEW_CALLBACK_STOP.foreach:
    case REVIEW_CALLBACK_STOP.map:
    case REVIEW_CALLBACK_STOP.predicate:
      return 'Check the reason and apply it with --safety review, or restructure the loop by hand.';
    case INTERLEAVING_STOP:
      return 'Apply it with --safety review once the race is ruled out, or restructure as the interleaving-hazard finding says, so the await no longer splits the check from its act.';
    case 'no-twin':
      return 'Make room for a twin (a named function or method, a free `<name>Async` name, callers that name it directly), or restructure the callers that cannot await so it can simply become async.';
    case 'unused-twin':
      return 'Nothing needs an async form yet: its callers stay sync. Make a caller able to await it (then it gets its twin), or leave it as it is.';
    default:
      return 'Restructure the caller so it can await, or use --api twin.';
  }
}

function hazardNote(hazard: { message: string } | undefined): string {
  return hazard ? ` Review: ${hazard.message}` : '';
}

function inClassBody(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) if (ts.isClassLike(n)) return true;
  return false;
}

function isAwaited(call: ts.Node): boolean {
  let n = call;
  while (n.parent && ts.isParenthesizedExpression(n.parent)) n = n.parent;
  return Boolean(n.parent && ts.isAwaitExpression(n.parent));
}

/** `async ` before the function and `Promise<T>` around its return annotation. */
function asyncKeywordEdits(node: FunctionLike, file: FileInfo): TextEdit[] {
  const sf = file.sf;
  let pos: number | undefined;
  if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) {
    pos = node.getChildren(sf).find((c) => c.kind === ts.SyntaxKind.FunctionKeyword)?.getStart(sf);
  } else if (ts.isMethodDeclaration(node)) {
    pos = node.name.getStart(sf);
  } else if (ts.isArrowFunction(node)) {
    pos = node.getStart(sf);
  }
  if (pos === undefined) return [];
  const edits: TextEdit[] = [{ start: pos, end: pos, text: 'async ' }];
  // Overload signatures must promise what the implementation now returns.
  for (const decl of [...overloadSignatures(node), node]) {
    const type = decl.type;
    const promised = type && promiseInUnion(type);
    if (promised) {
      // `boolean | Promise<boolean> | Observable<boolean>` (Nest's CanActivate): the contract already takes
      // `Promise<boolean>`, which the async form returns; `Promise<` around the union would not fit it.
      edits.push({ start: type.getStart(sf), end: type.getEnd(), text: `Promise<${promised.getText(sf)}>` });
    } else if (type && !isPromiseType(type)) {
      edits.push({ start: type.getStart(sf), end: type.getStart(sf), text: 'Promise<' });
      edits.push({ start: type.getEnd(), end: type.getEnd(), text: '>' });
    }
  }
  return edits;
}

function overloadSignatures(node: FunctionLike): (ts.FunctionDeclaration | ts.MethodDeclaration)[] {
  if (!(ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) || !node.name) return [];
  const name = node.name.getText();
  const siblings: readonly ts.Node[] = ts.isFunctionDeclaration(node)
    ? ts.isSourceFile(node.parent) || ts.isBlock(node.parent) || ts.isModuleBlock(node.parent)
      ? node.parent.statements
      : []
    : ts.isClassLike(node.parent)
      ? node.parent.members
      : [];
  const out: (ts.FunctionDeclaration | ts.MethodDeclaration)[] = [];
  for (let i = siblings.indexOf(node) - 1; i >= 0; i--) {
    const s = siblings[i]!;
    if ((ts.isFunctionDeclaration(s) || ts.isMethodDeclaration(s)) && !s.body && s.name?.getText() === name) out.push(s);
    else break;
  }
  return out.reverse();
}

/** The `X` of the one `Promise<X>` (or `PromiseLike<X>`) member of a union return type, if it has exactly one. */
function promiseInUnion(type: ts.TypeNode): ts.TypeNode | undefined {
  const inner = ts.isParenthesizedTypeNode(type) ? type.type : type;
  if (!ts.isUnionTypeNode(inner)) return undefined;
  const promises = inner.types.filter(isPromiseType) as ts.TypeReferenceNode[];
  const arg = promises.length === 1 ? promises[0]!.typeArguments?.[0] : undefined;
  return arg && !promiseInUnion(arg) && !isPromiseType(arg) ? arg : undefined;
}

function isPromiseType(type: ts.TypeNode): boolean {
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && (type.typeName.text === 'Promise' || type.typeName.text === 'PromiseLike');
}

/** The argument of a 'detached' edge when it names a function declared elsewhere (`app.get('/', handler)`). */
export function detachedReference(e: GraphEdge, builder: GraphBuilder): ts.Expression | undefined {
  const site = builder.sites.get(e);
  if (site?.kind !== 'callback') return undefined;
  const args = [...(site.call.arguments ?? [])].flatMap((a) => (ts.isArrayLiteralExpression(a) ? [...a.elements] : [a]));
  const sf = site.file.sf;
  for (const a of args) {
    const pos = sf.getLineAndCharacterOfPosition(a.getStart(sf));
    if (pos.line + 1 !== e.site.line || pos.character + 1 !== e.site.column) continue;
    const inner = skipOuter(a);
    return ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner) ? inner : undefined;
  }
  return undefined;
}
