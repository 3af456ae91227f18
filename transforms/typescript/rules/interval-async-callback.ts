// interval-async-callback: a `setInterval` callback that must become async.
// setInterval calls it again on schedule whether or not the last run's promise
// settled, so runs overlap when one takes longer than the interval, and a run
// in flight goes on after `clearInterval`. That is a change in behaviour: the
// callback becomes async only as `review`, and under `--safety safe` it stays
// sync (with what it calls).
import type { RuleMeta } from '../../core/types.js';
import type { GraphBuilder } from '../analysis/graph.js';

export const INTERVAL_RULE = 'interval-async-callback';
export const INTERVAL_KIND = 'interval-callback';

const WHY = 'setInterval does not wait for an async callback: runs overlap when one takes longer than the interval, and a run in flight goes on after clearInterval';

export const intervalAsyncCallbackRule: RuleMeta = {
  id: INTERVAL_RULE,
  language: 'typescript',
  safety: 'review',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'Makes a `setInterval` callback that must await async, as a change to review (never under `--safety safe`).',
    whatItDoes:
      'When a callback handed to `setInterval` (the global, or `timers`) holds a blocking call that is rewritten, or calls a function that became async, it becomes async like any other function, but the finding is `review` and says why. Under `--safety safe` the callback stays sync instead, and so do the functions it would have needed to await, with a manual finding. `setTimeout` and `setImmediate` callbacks run once and are not concerned.',
    why: 'A sync interval callback finishes before the next tick can start. An async one returns at its first await, and setInterval fires again on schedule: if the I/O takes longer than the interval, runs overlap (two writes of one file, two polls of one queue), and a run in flight goes on after `clearInterval` (work after shutdown). A rejection is an unhandled rejection instead of an uncaught exception.',
    example: {
      before:
        "// fixture-options: entry=all\nconst fs = require('fs');\n\nlet status = {};\nsetInterval(() => {\n  status = JSON.parse(fs.readFileSync('status.json', 'utf8'));\n}, 5000);\n\nmodule.exports = () => status;\n",
      after:
        "// fixture-options: entry=all\nconst { readFile } = require('fs/promises');\n\nlet status = {};\nsetInterval(async () => {\n  status = JSON.parse(await readFile('status.json', 'utf8'));\n}, 5000);\n\nmodule.exports = () => status;\n",
    },
    safety:
      'Review: runs can now overlap and outlive `clearInterval`. Keep it if a run always ends well within the interval, or chain the runs instead (`async function tick() { await work(); timer = setTimeout(tick, ms); }`), and check a stopped flag after each await.',
  },
};

/**
 * Under `--safety safe` interval callbacks must stay sync: their hand-over
 * becomes a stop. Otherwise they may become async, as review.
 */
export function applyIntervalPolicy(builder: GraphBuilder, mayBecomeAsync: boolean): void {
  if (mayBecomeAsync) return;
  for (const e of builder.intervalEdges) {
    e.mode = 'stop';
    e.stopKind = INTERVAL_KIND;
    e.stopReason = `${WHY} (review; not applied under --safety safe)`;
  }
}

/** The review reason when `id` is a setInterval callback, for its async finding. */
export function intervalReview(builder: GraphBuilder, id: string): string | undefined {
  for (const e of builder.intervalEdges) if (e.to === id && e.mode !== 'stop') return `Review: it is a setInterval callback (${e.site.path}:${e.site.line}), and ${WHY}.`;
  return undefined;
}

export const INTERVAL_ADVICE = 'Keep the callback sync, or chain the runs with setTimeout (`async function tick() { await work(); timer = setTimeout(tick, ms); }`) so they cannot overlap, and run with --safety review to apply the async callback as a change to review.';
