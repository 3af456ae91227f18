#!/usr/bin/env node
// Reads the reports of one robustness run (scripts/robustness/run.sh) and
// prints a Markdown summary; exits 1 when an invariant is broken.
//
//   node summarize.mjs <out-dir> <tree> <entry>
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const [out, tree, entry] = process.argv.slice(2);
const read = (name) => (existsSync(path.join(out, name)) ? readFileSync(path.join(out, name), 'utf8') : '');
const json = (name) => {
  try {
    return JSON.parse(read(name));
  } catch {
    return undefined;
  }
};
const rc = (name) => Number(read(`${name}.rc`).trim());

const runs = { dry: json('dry.json'), write: json('write.json'), second: json('second.json') };
const problems = [];
const lines = [];
const say = (s = '') => lines.push(s);

say(`## ${tree} (\`--entry ${entry}\`)`);
say();

// Crashes: no JSON, an exit code other than 0/1/3, or an internal error on stderr.
for (const name of ['dry', 'write', 'second']) {
  const err = read(`${name}.err`);
  const code = rc(name);
  if (!runs[name] || ![0, 1, 3].includes(code) || /internal error/i.test(err.replace(/^failed .*$/gm, ''))) {
    problems.push(`${name} run crashed or printed no report (exit ${code})`);
    say(`**${name} run: exit ${code}**`);
    say('```');
    say(err.split('\n').filter((l) => !/^\s*(Command being timed|User time|System time)/.test(l)).slice(0, 30).join('\n'));
    say('```');
  }
}
const dry = runs.dry;
if (!dry) {
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exit(1);
}

// Time and memory of the dry run (the write run does the same analysis plus writing).
const timing = (name) => {
  const t = read(`${name}.time`);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(t);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(t);
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : NaN;
  return { seconds, rssMiB: rss ? Number(rss[1]) / 1024 : NaN };
};
const s = dry.summary;
const total = s.files.total;
const td = timing('dry');
const tw = timing('write');
say(`| | |`);
say(`|---|---|`);
say(`| files | ${total} (${s.files.changed} changed, ${s.files.unchanged} unchanged, ${s.files.skipped} skipped, ${s.files.failed} failed) |`);
say(`| findings | ${s.findings.total} (${s.findings.safe} safe, ${s.findings.review} review, ${s.findings.manual} manual; ${s.findings.applied} applied) |`);
// Source size read back from the copy (as written: the migration changes it by
// a few bytes), since a
// few huge files (a bundled compiler) say more in bytes than in files.
let bytes = 0;
for (const f of dry.files) {
  try {
    bytes += statSync(path.join(out, 'tree', f.path)).size;
  } catch {}
}
const mib = bytes / 1048576;
say(`| source | ${mib.toFixed(1)} MiB in the ${total} files awaitify read |`);
say(`| dry run | ${td.seconds.toFixed(1)} s wall, ${(total / td.seconds).toFixed(1)} files/s, ${(mib / td.seconds).toFixed(2)} MiB/s, peak RSS ${td.rssMiB.toFixed(0)} MiB, exit ${rc('dry')} |`);
say(`| --write run | ${tw.seconds.toFixed(1)} s wall, peak RSS ${tw.rssMiB.toFixed(0)} MiB, exit ${rc('write')} |`);
say(`| second run (--check) | exit ${rc('second')}, ${runs.second?.summary.files.changed ?? '?'} files would change |`);
say(`| plan | ${dry.plan.asyncFunctions?.length ?? 0} functions made async, ${dry.plan.awaitedCalls?.length ?? 0} calls awaited, ${dry.plan.boundaries?.length ?? 0} boundaries |`);
say();

const byRule = new Map();
for (const f of dry.findings) {
  const row = byRule.get(f.rule) ?? { safe: 0, review: 0, manual: 0, applied: 0 };
  row[f.safety]++;
  if (f.applied) row.applied++;
  byRule.set(f.rule, row);
}
if (byRule.size) {
  say('| rule | safe | review | manual | applied |');
  say('|---|---:|---:|---:|---:|');
  for (const [rule, r] of [...byRule].sort((a, b) => a[0].localeCompare(b[0]))) say(`| ${rule} | ${r.safe} | ${r.review} | ${r.manual} | ${r.applied} |`);
  say();
}

const failed = dry.files.filter((f) => f.status === 'failed');
if (failed.length) {
  // A file that did not parse before awaitify touched it is the input's
  // problem; one whose *migrated* text does not parse, or whose edits overlap,
  // is a bug in a rule.
  const ours = failed.filter((f) => !/^does not parse/.test(f.reason ?? ''));
  if (ours.length) problems.push(`${ours.length} files failed because of awaitify (output does not parse, overlapping edits, ...)`);
  say(`### Failed files (${failed.length}; ${ours.length} caused by awaitify)`);
  for (const f of failed) say(`- \`${f.path}:${f.line ?? ''}\` ${f.reason}`);
  say();
}

const skipped = dry.files.filter((f) => f.status === 'skipped');
if (skipped.length) {
  const reasons = new Map();
  for (const f of skipped) reasons.set(f.reason, [...(reasons.get(f.reason) ?? []), f.path]);
  say(`### Skipped files (${skipped.length})`);
  for (const [reason, paths] of reasons) say(`- ${paths.length} × ${reason} (e.g. \`${paths[0]}\`)`);
  say();
}

// The dry run, the write run and git must agree on what changed.
const names = (r) => new Set((r?.files ?? []).filter((f) => f.status === 'changed').map((f) => f.path));
const dryChanged = names(dry);
const writeChanged = names(runs.write);
const onDisk = new Set(read('write.names').split('\n').filter(Boolean));
const diffSets = (a, b) => [...a].filter((x) => !b.has(x));
const mismatch = [
  ...diffSets(dryChanged, writeChanged).map((p) => `${p}: changed in the dry run, not by --write`),
  ...diffSets(writeChanged, dryChanged).map((p) => `${p}: changed by --write, not in the dry run`),
  ...diffSets(writeChanged, onDisk).map((p) => `${p}: reported written, unchanged on disk`),
  ...diffSets(onDisk, writeChanged).map((p) => `${p}: changed on disk, not reported`),
];
if (mismatch.length) {
  problems.push(`dry run, --write and the disk disagree on ${mismatch.length} files`);
  say('### Dry run vs --write vs disk');
  for (const m of mismatch.slice(0, 50)) say(`- ${m}`);
  say();
}

// Idempotence: the second run over the written tree must change nothing.
const again = runs.second?.files.filter((f) => f.status === 'changed') ?? [];
const newlyFailed = (runs.second?.files ?? []).filter((f) => f.status === 'failed' && !failed.some((g) => g.path === f.path));
if (again.length || newlyFailed.length) {
  problems.push(`not idempotent: a second run changes ${again.length} files, fails ${newlyFailed.length} more`);
  say(`### Not idempotent (${again.length} files change again, ${newlyFailed.length} newly failed)`);
  const findings = runs.second.findings.filter((f) => f.applied);
  for (const f of again.slice(0, 40)) {
    const rules = [...new Set(findings.filter((x) => x.path === f.path).map((x) => `${x.rule}:${x.line}`))];
    say(`- \`${f.path}\` (${rules.slice(0, 8).join(', ')})`);
  }
  for (const f of newlyFailed) say(`- \`${f.path}:${f.line ?? ''}\` newly failed: ${f.reason}`);
  say();
}

// Independent syntax checks of the written files, against the originals.
const before = json('syntax-before.json') ?? {};
const after = json('syntax-after.json') ?? {};
const checked = Object.keys(after);
const broken = checked.filter((p) => before[p]?.ok && !after[p].ok);
const preexisting = checked.filter((p) => before[p] && !before[p].ok);
say(`### Syntax of the written files`);
say(`${checked.length} changed files checked (${[...new Set(Object.values(after).map((r) => r.mode))].join('; ') || 'none'}): ${broken.length} broken by the migration, ${preexisting.length} already failing before.`);
if (broken.length) {
  problems.push(`${broken.length} written files fail the syntax check`);
  for (const p of broken) say(`- \`${p}\`: ${after[p].error}`);
}
say();

say(problems.length ? `**BROKEN**: ${problems.join('; ')}` : '**OK**: no crash, no failure caused by awaitify, idempotent, every written file compiles.');
process.stdout.write(`${lines.join('\n')}\n`);
process.exit(problems.length ? 1 : 0);
