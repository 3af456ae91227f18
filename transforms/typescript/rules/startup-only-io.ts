// startup-only-io: blocking calls that run only while a module loads (at its
// top level, or in functions only its top level calls) stay sync, with a note.
// Start-up I/O gains nothing from async, and awaiting it changes what loading
// the module means: an ES module with top-level await cannot be require()d
// (Node's require(esm) throws ERR_REQUIRE_ASYNC_MODULE), and a CommonJS async
// IIFE assigns its exports and runs its side effects later.
import type { GraphEdge } from '../../core/plan.js';
import { isTestPath } from '../../core/units.js';
import type { RuleMeta } from '../../core/types.js';
import type { FunctionInfo, GraphBuilder } from '../analysis/graph.js';

export const STARTUP_ONLY_RULE = 'startup-only-io';
export const STARTUP_ONLY_KIND = 'startup-only';

export const startupOnlyRule: RuleMeta = {
  id: STARTUP_ONLY_RULE,
  language: 'typescript',
  safety: 'review',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'Leaves blocking calls that run only at start-up (module top level, and functions only it calls) sync, with a note.',
    whatItDoes:
      "A blocking call at the top level of a module, or in a function that only module top-level code calls (directly or through other such functions), is left as it is and reported as a note that changes nothing. This matters with `--entry all` or an entry glob, where every function with a blocking call would otherwise become async. A function that a handler (or anything else that runs after start-up) also calls is not start-up-only: it is migrated, or stays sync with a sync-boundary finding where top-level code calls it. Functions handed over at the top level (`app.get('/x', handler)`, `setInterval(fn)`) are not called there and are not start-up-only. `--toplevel await` (ES modules) and `--toplevel iife` (CommonJS scripts) opt in to awaiting at the top level instead (review). Test code gets the same treatment: the blocking calls of test bodies and hooks, and of functions in test files that only they call or hand over (a `.then` callback, an event listener, a timer), are notes (project code that only tests call is still migrated); such a function becomes async only where it must await a project function that became async (see test-done-callback), and then its own blocking calls are rewritten with it.",
    why:
      "Code that runs once while the process starts serves no request, so making it async frees nothing. Awaiting it has costs: an ES module with top-level await cannot be loaded with `require()` (Node 20.19+ and 22.12+ load ES modules through require only when they have no top-level await, and throw ERR_REQUIRE_ASYNC_MODULE otherwise), which breaks jest's globalSetup, migrate-style loaders, config loaders and CommonJS dependants; a CommonJS module cannot await at all, and wrapping it in an async IIFE assigns `module.exports` and runs its side effects after whoever required it has moved on.",
    example: {
      before:
        "// fixture-options: entry=all\nconst fs = require('fs');\n\nfunction loadConfig(path) {\n  return JSON.parse(fs.readFileSync(path, 'utf8'));\n}\n\nconst config = loadConfig('config.json');\nmodule.exports = config;\n",
      after:
        "// fixture-options: entry=all\nconst fs = require('fs');\n\nfunction loadConfig(path) {\n  return JSON.parse(fs.readFileSync(path, 'utf8'));\n}\n\nconst config = loadConfig('config.json');\nmodule.exports = config;\n",
    },
    safety: 'A note: nothing changes. The call still blocks while the module loads, which is when nothing else is waiting.',
  },
};

/**
 * Functions that only module top-level code calls (directly, or through other
 * such functions), where that top level cannot await: marked so they stay
 * sync. Top level that may await (an opted-in module scope) is a pseudo-function,
 * not `null`, so its callees are not start-up-only.
 */
export function markStartupOnly(builder: GraphBuilder): Set<FunctionInfo> {
  const incoming = new Map<string, GraphEdge[]>();
  for (const e of builder.edges) {
    const list = incoming.get(e.to);
    if (list) list.push(e);
    else incoming.set(e.to, [e]);
  }
  const candidates = new Set<string>();
  for (const info of builder.byId.values()) {
    if (info.module || info.graph.entry || info.registration || info.graph.alreadyAsync) continue;
    const edges = incoming.get(info.id) ?? [];
    if (edges.length && edges.every((e) => e.mode === 'await' && builder.sites.get(e)?.kind === 'call')) candidates.add(info.id);
  }
  // Greatest fixed point: drop a candidate called from anything but the top level or another candidate.
  for (let changed = true; changed; ) {
    changed = false;
    for (const id of candidates) {
      if ((incoming.get(id) ?? []).some((e) => e.from !== null && !candidates.has(e.from))) {
        candidates.delete(id);
        changed = true;
      }
    }
  }
  // Keep only what the top level reaches (a cycle nobody calls is not start-up code).
  const reached = new Set<string>();
  const stack = builder.edges.filter((e) => e.from === null && candidates.has(e.to)).map((e) => e.to);
  // Each candidate's callees among the candidates, in edge order (one pass over the edges, not one per candidate).
  const calls = new Map<string, string[]>();
  for (const e of builder.edges) {
    if (e.from === null || !candidates.has(e.from) || !candidates.has(e.to)) continue;
    const list = calls.get(e.from);
    if (list) list.push(e.to);
    else calls.set(e.from, [e.to]);
  }
  while (stack.length) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const to of calls.get(id) ?? []) stack.push(to);
  }
  const out = new Set<FunctionInfo>();
  for (const id of reached) {
    const info = builder.byId.get(id)!;
    if (info.graph.cannotBeAsync) continue;
    const first = (incoming.get(id) ?? []).find((e) => e.from === null) ?? incoming.get(id)![0]!;
    const via = first.from === null ? `module top-level code (${first.site.path}:${first.site.line})` : `\`${builder.byId.get(first.from)?.graph.name ?? first.from}\` (${first.site.path}:${first.site.line})`;
    info.graph.cannotBeAsync = { kind: STARTUP_ONLY_KIND, reason: `it runs only at start-up: only ${via} calls it, and that stays sync` };
    out.add(info);
  }
  return out;
}

/** The note for a blocking call that stays sync because it runs only at start-up. */
export function startupNote(callText: string, where: string): string {
  return `${callText} runs only at start-up (${where}): left sync. Start-up I/O serves no request, and awaiting it would change how the module loads: an ES module with top-level await cannot be require()d (ERR_REQUIRE_ASYNC_MODULE), and a CommonJS async IIFE assigns its exports late. Opt in with --toplevel await (ES modules) or --toplevel iife (CommonJS scripts) if that is wanted.`;
}

const testOnly = new WeakMap<GraphBuilder, Set<string>>();

/**
 * Test bodies and hooks, and the functions of test files only they call or hand over: their own blocking
 * calls serve no request, and making them async adds await points between
 * steps a test relies on running back to back (a watcher may run in between).
 * Their blocking calls are not seeds: such a function becomes async only when
 * it must await a project function that became async (then its blocking
 * calls are rewritten with it).
 */
export function markTestOnly(builder: GraphBuilder): void {
  const incoming = new Map<string, GraphEdge[]>();
  for (const e of builder.edges) {
    const list = incoming.get(e.to);
    if (list) list.push(e);
    else incoming.set(e.to, [e]);
  }
  const roots = new Set([...builder.testEdges.keys()].map((e) => e.to));
  // Helpers count as test code only where tests live: project code that only tests call is still project code.
  const testFiles = new Set([...builder.testEdges.keys()].map((e) => e.site.path));
  const isTestFile = (path: string) => testFiles.has(path) || isTestPath(path);
  const set = new Set<string>();
  for (const info of builder.byId.values()) {
    if (info.module || info.graph.entry || info.registration) continue;
    if (!roots.has(info.id) && !isTestFile(info.file.path)) continue;
    const edges = incoming.get(info.id) ?? [];
    if (roots.has(info.id) ? edges.every((e) => builder.testEdges.has(e)) : edges.length > 0) set.add(info.id);
  }
  // Leaving the set only makes others' conditions true (it never brings one back), so the set left is the same in any order:
  // a work list re-examines only the callees of what left, instead of every member again after each removal.
  // Any reference counts, not only calls: a callback a test hands to a promise (`.then(cb)`), an emitter or a timer runs
  // for the test alone, and stays test code.
  const leaves = (id: string) => !roots.has(id) && (incoming.get(id) ?? []).some((e) => e.from === null || !set.has(e.from));
  const callees = new Map<string, string[]>();
  for (const e of builder.edges) {
    if (e.from === null || !set.has(e.to)) continue;
    const list = callees.get(e.from);
    if (list) list.push(e.to);
    else callees.set(e.from, [e.to]);
  }
  const work = [...set];
  while (work.length) {
    const id = work.pop()!;
    if (!set.has(id) || !leaves(id)) continue;
    set.delete(id);
    for (const to of callees.get(id) ?? []) if (set.has(to)) work.push(to);
  }
  for (const id of set) builder.byId.get(id)!.graph.seeds = 0;
  testOnly.set(builder, set);
}

export function isTestOnly(builder: GraphBuilder, id: string): boolean {
  return testOnly.get(builder)?.has(id) ?? false;
}

export function testOnlyNote(callText: string, name: string): string {
  return `${callText} runs only in tests (in \`${name}\`, which only test bodies and hooks reach): left sync. Test code serves no request, and an await there lets timers and watchers run between steps the test expects back to back. It becomes async only where it must await a project function that became async.`;
}
