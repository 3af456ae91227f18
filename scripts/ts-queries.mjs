#!/usr/bin/env node
// Benchmark helper (not a test): how many type-checker questions a JS/TS dry
// run asks for the calls the syntax could not resolve (GraphBuilder.resolveWithChecker,
// the largest part of the run above the floor), and what they answer. Runs
// `awaitify migrate <dir> --no-progress --no-cache` in this process with the
// checker handed to resolveWithChecker wrapped in a counter; prints the
// counts on stderr after the run's own output (stdout is the run's).
//
//   node scripts/ts-queries.mjs <dir> [more migrate options] [--dist root-with-dist]
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const distAt = args.indexOf('--dist');
const root = distAt >= 0 ? path.resolve(args.splice(distAt, 2)[1]) : fileURLToPath(new URL('..', import.meta.url));
const dir = args.shift() ?? '.';
const { GraphBuilder } = await import(pathToFileURL(path.join(root, 'dist/transforms/typescript/analysis/graph.js')).href);

const counts = { rounds: 0, queries: 0, noSymbol: 0, unresolved: 0, names: new Map() };
const original = GraphBuilder.prototype.resolveWithChecker;
GraphBuilder.prototype.resolveWithChecker = function (checker, names, handled) {
  counts.rounds++;
  counts.unresolved = this.unresolved.length;
  const counting = Object.create(checker);
  counting.getSymbolAtLocation = (node) => {
    const sym = checker.getSymbolAtLocation(node);
    counts.queries++;
    if (!sym) counts.noSymbol++;
    const name = node.text ?? '?';
    const [asked, none] = counts.names.get(name) ?? [0, 0];
    counts.names.set(name, [asked + 1, none + (sym ? 0 : 1)]);
    return sym;
  };
  return original.call(this, counting, names, handled);
};

process.on('exit', () => {
  const pct = (n) => (counts.queries ? ((100 * n) / counts.queries).toFixed(1) : '0');
  const top = [...counts.names].sort((a, b) => b[1][0] - a[1][0]).slice(0, 12);
  process.stderr.write(
    `checker questions (resolveWithChecker): ${counts.queries} getSymbolAtLocation in ${counts.rounds} rounds, for ${counts.unresolved} calls left unresolved by the syntax; ` +
      `${counts.noSymbol} (${pct(counts.noSymbol)}%) found no symbol\n` +
      `most asked names (asked, no symbol): ${top.map(([n, [a, z]]) => `${n} ${a}/${z}`).join(', ')}\n`,
  );
});

process.chdir(dir);
process.argv = [process.argv[0], path.join(root, 'dist/cli/awaitify.js'), 'migrate', '.', '--no-progress', '--no-cache', ...args];
await import(pathToFileURL(path.join(root, 'dist/cli/awaitify.js')).href);
