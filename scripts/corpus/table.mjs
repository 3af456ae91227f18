#!/usr/bin/env node
// Prints the corpus table (Markdown) from the result directories run.sh wrote:
//   node table.mjs <results-dir> <name>...
// One row per project and mode (CORPUS_MODES, default "handlers sources");
// a missing or failed run is shown as such.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const [dir, ...names] = process.argv.slice(2);
const tests = (t) => `${t.pass}/${t.fail}` + (t.pending ? ` (${t.pending} pending)` : '') + (t.error ? ` (${t.error})` : '');

const modes = (process.env.CORPUS_MODES ?? 'handlers sources').split(/\s+/).filter(Boolean);
console.log('| project (commit) | mode | files | blocking call sites found | transformed | manual | dry run (wall, peak RSS) | tests before (pass/fail) | tests after (pass/fail) | smoke |');
console.log('|---|---|---:|---:|---:|---:|---|---|---|---|');
for (const name of names) {
  for (const mode of modes) {
    const file = path.join(dir, `${name}-${mode}`, 'result.txt');
    if (!existsSync(file)) {
      console.log(`| ${name} | ${mode} | run did not finish | | | | | | | |`);
      continue;
    }
    const text = readFileSync(file, 'utf8');
    const r = JSON.parse(text.slice(text.indexOf('\n') + 1));
    const s = r.summary;
    const b = s.blockingSites;
    const byRule = Object.entries(b.transformedByRule)
      .map(([rule, n]) => `${n} ${rule}`)
      .join(', ');
    console.log(
      `| [${r.repository}](https://github.com/${r.repository}) (\`${r.commit.slice(0, 12)}\`) | ${mode}${r.awaitifyArgs ? ` \`${r.awaitifyArgs}\`` : ''} | ${s.files.total} (${s.files.changed} changed) | ${b.found} | ${b.transformed}${byRule ? ` (${byRule})` : ''} | ${b.manual} | ${s.time.wallSeconds} s, ${s.time.peakRssMiB} MiB | ${tests(r.testsBefore)} | ${tests(r.testsAfter)}${r.testsAfterOriginalTests ? ` (original tests: ${tests(r.testsAfterOriginalTests)})` : ''} | ${r.smoke ?? 'none'} |`,
    );
  }
}
