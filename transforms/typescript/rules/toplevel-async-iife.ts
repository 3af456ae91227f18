// toplevel-async-iife: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const toplevelAsyncIifeRule: RuleMeta = {
  id: RULE.toplevelAsyncIife,
  language: 'typescript',
  safety: 'review',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'With `--toplevel iife`, wraps the top level of a CommonJS script that must await in an async IIFE.',
    whatItDoes:
      'For a CommonJS module without exports (a script: a CLI, a job, a migration) whose top level calls a function that became async, moves the statements after its requires into `(async () => { ... })().catch((err) => { console.error(err); process.exitCode = 1; });`, re-indented, and awaits the calls inside. Only with `--toplevel iife` (which also gives ES modules top-level await, as `--toplevel await` does), never under `--safety safe`; modules with exports are never wrapped (their exports would be assigned too late). By default start-up code stays sync (startup-only-io).',
    why: 'CommonJS has no top-level await; without the wrapper the function has to stay sync (and keep blocking), or the script would use a promise as the value.',
    example: {
      before: "// fixture-options: toplevel=iife entry=all\nconst fs = require('fs');\n\nfunction readJob(path) {\n  return JSON.parse(fs.readFileSync(path, 'utf8'));\n}\n\nconst job = readJob(process.argv[2]);\nconsole.log(job.name);\n",
      after: "const { readFile } = require('fs/promises');\n\n(async () => {\n  async function readJob(path) {\n    return JSON.parse(await readFile(path, 'utf8'));\n  }\n\n  const job = await readJob(process.argv[2]);\n  console.log(job.name);\n})().catch((err) => {\n  console.error(err);\n  process.exitCode = 1;\n});\n",
    },
    safety: 'Review: the script does the same work in the same order, but everything after the first await runs in later event-loop turns, and an error now sets the exit code instead of crashing with an uncaught exception. Under `--safety safe` the top level is not wrapped, so the functions it calls keep their sync form.',
  },
};
