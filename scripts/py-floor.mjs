#!/usr/bin/env node
// The Python floor awaitify is compared with (a benchmark helper, not a test):
// the same .py files awaitify's discovery finds, each parsed with
// web-tree-sitter and tree-sitter-python on one thread and the tree deleted.
// `--flatten` also builds awaitify's flat tree (transforms/python/tree.ts) from
// each, the way the adapter does. Prints the file count and the time on stderr.
//
//   node scripts/py-floor.mjs <dir> [--flatten]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { discover } = await import(path.join(root, 'dist/transforms/core/discover.js'));
const { loadPythonParser, parsePython } = await import(path.join(root, 'dist/transforms/python/parser.js'));
const dir = path.resolve(process.argv[2] ?? '.');
const flatten = process.argv.includes('--flatten');
const t0 = performance.now();
const { files } = discover(['.'], dir, new Set(['.py']), { root: dir });
const parser = await loadPythonParser();
for (const f of files) {
  const text = readFileSync(f.absPath, 'utf8');
  if (flatten) parsePython(parser, text);
  else parser.parse(text)?.delete();
}
process.stderr.write(`${files.length} files, ${((performance.now() - t0) / 1000).toFixed(2)} s${flatten ? ' (parse + flat tree)' : ' (web-tree-sitter parse)'}\n`);
