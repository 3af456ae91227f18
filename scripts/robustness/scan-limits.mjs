#!/usr/bin/env node
// What discovery and the minified/generated heuristic skip in real trees:
// `node scripts/robustness/scan-limits.mjs <root>...` (after `npx tsc -p .`).
// Prints per tree the files discovery keeps, those the heuristic would skip
// and those discovery skips, with the reasons (the first few), and the
// average line length of the kept files.
import { readFileSync } from 'node:fs';
import { discover } from '../../dist/transforms/core/discover.js';
import { generatedReason } from '../../dist/transforms/core/limits.js';

const extensions = new Set(['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx', '.py']);
for (const root of process.argv.slice(2)) {
  const found = discover(['.'], root, extensions, { root });
  const flagged = [];
  let chars = 0;
  let lines = 0;
  for (const file of found.files) {
    const text = readFileSync(file.absPath, 'utf8');
    const reason = generatedReason(text);
    if (reason) flagged.push(`${file.path}: ${reason}`);
    else {
      chars += text.length;
      lines += text.split('\n').length;
    }
  }
  const average = lines ? (chars / lines).toFixed(1) : '-';
  console.log(`${root}: ${found.files.length} files (${average} characters per line), ${flagged.length} minified/generated, ${found.skipped.length} skipped by discovery`);
  for (const line of [...flagged, ...found.skipped.map((s) => `${s.path}: ${s.reason}`)].slice(0, 8)) console.log(`  ${line}`);
}
