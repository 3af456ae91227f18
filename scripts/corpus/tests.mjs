#!/usr/bin/env node
// Reads a test run's output (mocha spec/dot, jest, vitest, ava, node:test, uvu) and prints
// {"pass":N,"fail":N,"pending":N} so run.sh can compare runs before and after.
// Exits 1 when no result line is found: a suite that did not run is not green.
import { readFileSync } from 'node:fs';

const text = readFileSync(process.argv[2] ?? 0, 'utf8').replace(/\x1b\[[0-9;]*m/g, '');

function last(re) {
  const all = [...text.matchAll(re)];
  return all.length ? Number(all[all.length - 1][1]) : undefined;
}

let result;
const jest = [...text.matchAll(/^Tests:\s+(.*?)\s*$/gm)].pop();
if (jest) {
  const part = (word) => Number((jest[1].match(new RegExp(`(\\d+) ${word}`)) ?? [0, 0])[1]);
  result = { pass: part('passed'), fail: part('failed'), pending: part('skipped') + part('todo') };
} else if ([...text.matchAll(/^\s*Tests\s+(\d+ (?:passed|failed|skipped)\b.*?)\s*$/gm)].length) {
  // vitest: "      Tests  44 passed | 10 skipped (54)"
  const line = [...text.matchAll(/^\s*Tests\s+(\d+ (?:passed|failed|skipped)\b.*?)\s*$/gm)].pop()[1];
  const part = (word) => Number((line.match(new RegExp(`(\\d+) ${word}`)) ?? [0, 0])[1]);
  result = { pass: part('passed'), fail: part('failed'), pending: part('skipped') + part('todo') };
} else if (/^\s*\d+ tests? (?:passed|failed)\s*$/m.test(text)) {
  // ava: "  17 tests passed", "  1 test failed"; with failfast there is no "passed" line: count the ✔ lines.
  const ticks = (text.match(/^\s*✔ /gm) ?? []).length;
  result = { pass: last(/^\s*(\d+) tests? passed\b/gm) ?? ticks, fail: last(/^\s*(\d+) tests? failed\b/gm) ?? 0, pending: last(/^\s*(\d+) tests? (?:skipped|todo)\b/gm) ?? 0 };
} else if (/^(?:#|ℹ) tests \d+\s*$/m.test(text)) {
  // node:test (TAP or spec reporter): "# pass 314", "# fail 0", "# cancelled 0", "# skipped 0", "# todo 0".
  const count = (word) => last(new RegExp(`^(?:#|ℹ) ${word} (\\d+)\\s*$`, 'gm')) ?? 0;
  result = { pass: count('pass'), fail: count('fail') + count('cancelled'), pending: count('skipped') + count('todo') };
} else if (/^\s*Total:\s+\d+\s*$/m.test(text) && /^\s*Passed:\s+\d+\s*$/m.test(text)) {
  // uvu: "  Total:     84", "  Passed:    83", "  Skipped:   0"; Total counts the tests that ran (not the skipped ones).
  const total = last(/^\s*Total:\s+(\d+)\s*$/gm);
  const pass = last(/^\s*Passed:\s+(\d+)\s*$/gm);
  result = { pass, fail: total - pass, pending: last(/^\s*Skipped:\s+(\d+)\s*$/gm) ?? 0 };
} else {
  const pass = last(/^\s*(\d+) passing\b/gm);
  if (pass !== undefined) {
    result = { pass, fail: last(/^\s*(\d+) failing\b/gm) ?? 0, pending: last(/^\s*(\d+) pending\b/gm) ?? 0 };
  }
}
if (!result) {
  console.log(JSON.stringify({ pass: 0, fail: 0, pending: 0, error: 'no test summary in the output' }));
  process.exit(1);
}
console.log(JSON.stringify(result));
