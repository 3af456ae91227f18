// top-level-await: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const topLevelAwaitRule: RuleMeta = {
  id: RULE.topLevelAwait,
  language: 'typescript',
  safety: 'review',
  structural: true,
  exampleExt: 'mjs',
  docs: {
    summary: 'With `--toplevel await`, awaits a function that became async at the top level of an ES module that nothing in the project require()s.',
    whatItDoes:
      'Only with `--toplevel await` (or `--toplevel iife`): in an ES module (`.mjs`/`.mts`, or `.js`/`.ts` in a `"type": "module"` package) that no project file loads with `require()`, a top-level call of a function that became async gets `await` (top-level await), instead of keeping the function sync. By default module top level never awaits: a function that top-level code calls keeps its sync form (sync-boundary, or a twin under `--api twin`), and one that only start-up code calls is left alone (startup-only-io). Never applied under `--safety safe`.',
    why: 'Top-level code that calls a function which now returns a promise would get the promise instead of the value, so either the function stays sync or the top level awaits it. Awaiting there is an opt-in because it changes how the module loads.',
    example: {
      before: "// fixture-options: toplevel=await\nimport express from 'express';\nimport { readFileSync } from 'node:fs';\n\nfunction loadConfig() {\n  return JSON.parse(readFileSync('config.json', 'utf8'));\n}\n\nconst config = loadConfig();\nconst app = express();\napp.get('/config', (req, res) => {\n  res.json(loadConfig());\n});\n",
      after: "import express from 'express';\nimport { readFile } from 'node:fs/promises';\n\nasync function loadConfig() {\n  return JSON.parse(await readFile('config.json', 'utf8'));\n}\n\nconst config = await loadConfig();\nconst app = express();\napp.get('/config', async (req, res, next) => {\n  try {\n    res.json(await loadConfig());\n  } catch (err) {\n    next(err);\n  }\n});\n",
    },
    safety: "Review: the module evaluates to the same values and modules that import it wait for it, but a module with top-level await cannot be loaded with `require()`: Node 20.19+ and 22.12+ throw ERR_REQUIRE_ASYNC_MODULE, so jest's globalSetup, migrate-style and config loaders and CommonJS packages outside the project that require() it break. awaitify sees only the project's own require() calls.",
  },
};
