#!/usr/bin/env node
// One Markdown table row per robustness run, from the summary.md files that
// run.sh leaves in each run's report directory.
//   node table.mjs <dir>...   (a run's report dir, or a dir of them)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dirs = process.argv.slice(2).flatMap((d) =>
  existsSync(path.join(d, 'summary.md')) ? [d] : readdirSync(d).map((e) => path.join(d, e)).filter((e) => existsSync(path.join(e, 'summary.md'))),
);
console.log('| tree | files | changed | failed (by awaitify) | findings (applied) | dry run s | files/s | MiB | peak RSS MiB | idempotent | written files that no longer compile |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|');
for (const d of dirs) {
  const s = readFileSync(path.join(d, 'summary.md'), 'utf8');
  const m = (re) => re.exec(s)?.slice(1) ?? [];
  const [tree, entry] = m(/^## (\S+) \(`--entry ([^`]+)`\)/m);
  const [files, changed, , , failed] = m(/\| files \| (\d+) \((\d+) changed, (\d+) unchanged, (\d+) skipped, (\d+) failed\)/);
  const ours = m(/### Failed files \(\d+; (\d+) caused by awaitify\)/)[0] ?? '0';
  const [findings, applied] = m(/\| findings \| (\d+) \(.*?; (\d+) applied\)/);
  const [mib] = m(/\| source \| ([\d.]+) MiB/);
  const [secs, fps, rss] = m(/\| dry run \| ([\d.]+) s wall, ([\d.]+) files\/s, (?:[\d.]+ MiB\/s, )?peak RSS (\d+) MiB/);
  const again = m(/\| second run \(--check\) \| exit \d+, (\d+|\?) files would change/)[0];
  const [broken] = m(/: (\d+) broken by the migration/);
  const short = tree.replace(/^.*\/(node_modules|site-packages|awaitify-trees|self-src)\//, '$1/');
  console.log(`| ${short}${entry === 'all' ? '' : ` (--entry ${entry})`} | ${files} | ${changed} | ${failed} (${ours}) | ${findings} (${applied}) | ${secs} | ${fps} | ${mib ?? '?'} | ${rss} | ${again === '0' ? 'yes' : `**no** (${again} files)`} | ${broken ?? '?'} |`);
}
