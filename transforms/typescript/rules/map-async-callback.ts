// map-async-callback: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const mapAsyncCallbackRule: RuleMeta = {
  id: RULE.mapAsyncCallback,
  language: 'typescript',
  safety: 'review',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'Wraps `arr.map(cb)` whose callback became async in `await Promise.all(...)`.',
    whatItDoes: 'Rewrites `arr.map(cb)` as `await Promise.all(arr.map(cb))` when the callback becomes async, and `arr.flatMap(cb)` as `(await Promise.all(arr.map(cb))).flat()` (flatMap flattens one level, as `.flat()` does). Review when the callback does more than return one call: the callbacks then run concurrently.',
    why: 'An async callback makes `map` return an array of promises; the code that used the values would get promises.',
    example: {
      before: "// fixture-options: express=5\nconst fs = require('fs');\nconst express = require('express');\n\nconst app = express();\napp.get('/files', (req, res) => {\n  const names = req.query.names.split(',');\n  res.json(names.map((name) => fs.readFileSync(`files/${name}`, 'utf8')));\n});\n",
      after: "// fixture-options: express=5\nconst express = require('express');\nconst { readFile } = require('fs/promises');\n\nconst app = express();\napp.get('/files', async (req, res) => {\n  const names = req.query.names.split(',');\n  res.json(await Promise.all(names.map(async (name) => await readFile(`files/${name}`, 'utf8'))));\n});\n",
    },
    safety: 'Safe when each callback only returns the awaited value; review otherwise, because the callbacks now run concurrently, interleaving their side effects. Under `--safety safe` such a callback keeps its sync form (its blocking calls are reported), so no async callback is left inside a map that is not awaited.',
  },
};
