#!/usr/bin/env node
// Condenses one `awaitify migrate --format json` report (plus the `/usr/bin/time -v`
// output of that run) into the numbers the corpus table needs:
//   node summarize.mjs <report.json> [time-v.txt]
// Blocking call sites are the findings of the rules that rewrite a blocking call
// (transformed when applied) plus `blocking-call-unmigrated` (left as manual work).
// The structural rules (propagation, callbacks, Express errors) are counted apart.
import { readFileSync } from 'node:fs';

// Rules that restructure code around calls that became async; every other
// TypeScript rule rewrites one blocking call.
const STRUCTURAL = new Set([
  'async-propagation',
  'async-callback-boundary',
  'sync-boundary',
  'express4-async-errors',
  'foreach-async-callback',
  'map-async-callback',
  'return-await-in-try',
  'predicate-async-callback',
  'fastify-return-reply',
  'fastify-hook-done',
  'koa-await-next',
  'nest-on-module-init',
  'top-level-await',
  'toplevel-async-iife',
  'parallel-awaits',
  'test-done-callback',
  'interval-async-callback',
  // Reported at blocking calls that have their own finding (the hazard of awaiting them).
  'interleaving-hazard',
]);
const UNMIGRATED = 'blocking-call-unmigrated';

const [reportPath, timePath] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportPath, 'utf8'));

const byRule = {};
for (const f of report.findings) {
  const row = (byRule[f.rule] ??= { safe: 0, review: 0, manual: 0, applied: 0 });
  row[f.safety] += 1;
  if (f.applied) row.applied += 1;
}

const blocking = report.findings.filter((f) => f.rule === UNMIGRATED || !STRUCTURAL.has(f.rule));
const transformed = blocking.filter((f) => f.applied);
const manual = blocking.filter((f) => !f.applied);
// "Blocking call left as it is (fs-sync-call): <why>": keep the catalog row and the why.
const manualSites = manual.map((f) => {
  const m = /^Blocking call left as it is \(([^)]+)\):\s*(.*)$/s.exec(f.message);
  return { at: `${f.path}:${f.line}`, rule: m ? m[1] : f.rule, safety: f.safety, why: m ? m[2] : f.message };
});
const transformedByRule = {};
for (const f of transformed) transformedByRule[f.rule] = (transformedByRule[f.rule] ?? 0) + 1;

let time;
if (timePath) {
  const t = readFileSync(timePath, 'utf8');
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\):\s*(?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(t);
  const rss = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(t);
  time = {
    wallSeconds: wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : null,
    peakRssMiB: rss ? Math.round(Number(rss[1]) / 1024) : null,
  };
}

console.log(
  JSON.stringify(
    {
      files: report.summary.files,
      findings: report.summary.findings,
      blockingSites: { found: blocking.length, transformed: transformed.length, manual: manual.length, transformedByRule },
      byRule,
      manualSites,
      boundaries: report.plan?.boundaries?.length ?? 0,
      time,
    },
    null,
    2,
  ),
);
