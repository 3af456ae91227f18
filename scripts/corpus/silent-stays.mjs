#!/usr/bin/env node
// Silent stays on real trees, Python and JS/TS: functions reachable from an entry point that
// hold a blocking operation awaitify knows of (or call a function that becomes async in place),
// do not change, and that no finding names (see transforms/core/silent-stays.ts). A dry run
// with the built dist/ (nothing is written).
//
//   node scripts/corpus/silent-stays.mjs [--entry all] [--api replace] [--list] <tree>...
//
// Prints one line per tree (`<tree> <count> (of <n> functions looked at)`), and with --list each
// stay under it. AWAITIFY_STRICT_STAYS=1 counts a finding that names only `name()` as no explanation.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'transforms');
const { runMigration } = await import(path.join(dist, 'core', 'pipeline.js'));
const { pythonAdapter } = await import(path.join(dist, 'python', 'adapter.js'));
const { typescriptAdapter } = await import(path.join(dist, 'typescript', 'adapter.js'));
const { onSilentStays, onTypeScriptSilentStays } = await import(path.join(dist, 'core', 'silent-stays.js'));

const args = process.argv.slice(2);
const options = {};
const trees = [];
let list = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--entry' || args[i] === '--api') options[args[i].slice(2)] = args[++i];
  else if (args[i] === '--list') list = true;
  else trees.push(args[i]);
}
if (!trees.length) {
  console.error('usage: silent-stays.mjs [--entry all] [--api replace] [--list] <tree>...');
  process.exit(2);
}
let total = 0;
for (const tree of trees) {
  let stays = [];
  let looked = 0;
  const collect = (_root, found, candidates) => {
    stays = stays.concat(found);
    looked += candidates;
  };
  onSilentStays(collect);
  onTypeScriptSilentStays(collect);
  await runMigration({ cwd: path.resolve(tree), paths: ['.'], adapters: [pythonAdapter, typescriptAdapter], ...options });
  total += stays.length;
  console.log(`${tree} ${stays.length} (of ${looked} functions looked at)`);
  if (list) for (const s of stays) console.log(`  ${s.path}:${s.line} ${s.name} (blocks or calls at line ${s.blocksAt.join(', ')})`);
}
onSilentStays(undefined);
onTypeScriptSilentStays(undefined);
if (trees.length > 1) console.log(`total ${total}`);
