#!/usr/bin/env node
// Compares a run's report with the request-path blocking sites read by hand (sites.tsv):
//   node sites.mjs <results-dir> <name> <mode>...
// For each hand-counted site: migrated (a blocking-call finding at that line was
// applied), manual (reported, not applied: the reason), or not found.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const [dir, name, ...modes] = process.argv.slice(2);
const sites = readFileSync(path.join(here, 'sites.tsv'), 'utf8').trim().split('\n').slice(1)
  .map((l) => l.split('\t')).filter((c) => c[0] === name).map(([, site, call]) => ({ site, call }));
const STRUCTURAL = /^(async-propagation|async-callback-boundary|sync-boundary|express4-async-errors|foreach-async-callback|map-async-callback|return-await-in-try|predicate-async-callback|fastify-return-reply|fastify-hook-done|koa-await-next|nest-on-module-init|top-level-await|toplevel-async-iife|parallel-awaits|test-done-callback|interval-async-callback|interleaving-hazard)$/;
const out = { name, sites: sites.length, modes: {} };
for (const mode of modes) {
  const report = path.join(dir, `${name}-${mode}`, 'report-dry.json');
  if (!existsSync(report)) { out.modes[mode] = null; continue; }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const blocking = r.findings.filter((f) => !STRUCTURAL.test(f.rule));
  const rows = sites.map(({ site, call }) => {
    const [file, line] = site.split(/:(?=\d+$)/);
    const at = blocking.filter((f) => f.path === file && f.line === Number(line));
    if (!at.length) return { site, call, status: 'not found' };
    // Several calls on one line (existsSync + mkdirSync): match by the call's name when possible.
    const fn = /(\w+)\(/.exec(call)?.[1];
    const f = at.find((x) => fn && x.message.includes(fn)) ?? at[0];
    return { site, call, status: f.applied ? 'migrated' : 'manual', rule: f.rule, safety: f.safety, why: f.applied ? undefined : f.message };
  });
  const count = (s) => rows.filter((x) => x.status === s).length;
  out.modes[mode] = { migrated: count('migrated'), manual: count('manual'), notFound: count('not found'), rows };
}
console.log(JSON.stringify(out, null, 2));
