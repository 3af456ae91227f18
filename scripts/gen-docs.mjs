#!/usr/bin/env node
// Writes docs/rules/<rule-id>.md and docs/rules/README.md from the rules'
// metadata, as built in dist/ (run `npm run build` first). Pages of rules that
// no longer exist are removed. `--check` changes nothing and exits 1 when the
// pages are out of date.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
if (!existsSync(path.join(dist, 'transforms/index.js'))) {
  console.error('gen-docs: dist/ is missing; run `npm run build` first');
  process.exit(2);
}
const { allRules } = await import(path.join(dist, 'transforms/index.js'));
const { ruleDocPages } = await import(path.join(dist, 'transforms/core/report/rule-docs.js'));

const outDir = path.join(root, 'docs/rules');
const check = process.argv.includes('--check');
const pages = ruleDocPages(allRules());
const existing = existsSync(outDir) ? readdirSync(outDir).filter((f) => f.endsWith('.md')) : [];

const stale = [];
for (const [file, text] of pages) {
  const target = path.join(outDir, file);
  if (existsSync(target) && readFileSync(target, 'utf8') === text) continue;
  stale.push(file);
  if (!check) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(target, text);
  }
}
const orphans = existing.filter((f) => !pages.has(f));
for (const file of orphans) if (!check) rmSync(path.join(outDir, file));

if (check) {
  if (stale.length || orphans.length) {
    for (const f of stale) console.error(`docs/rules/${f}: out of date`);
    for (const f of orphans) console.error(`docs/rules/${f}: no rule has this id`);
    console.error('run `npm run build && node scripts/gen-docs.mjs`');
    process.exit(1);
  }
  console.log(`docs/rules: ${pages.size} pages up to date`);
} else {
  console.log(`docs/rules: ${pages.size} pages, ${stale.length} written, ${orphans.length} removed`);
}
