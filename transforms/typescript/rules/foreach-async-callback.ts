// foreach-async-callback: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const forEachAsyncCallbackRule: RuleMeta = {
  id: RULE.forEachAsyncCallback,
  language: 'typescript',
  safety: 'safe',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'Turns `arr.forEach(cb)` whose callback must await into a `for...of` loop.',
    whatItDoes: 'Rewrites `arr.forEach((x) => { ... })` as `for (const x of arr) { ... }` (with `.entries()` when the index is used), turning `return;` in the callback into `continue;`.',
    why: '`forEach` ignores the promises an async callback returns: the iterations run concurrently, the caller continues before they finish, and their errors are unhandled rejections.',
    example: {
      before: "// fixture-options: express=5\nconst fs = require('fs');\nconst express = require('express');\n\nconst app = express();\napp.post('/items', (req, res) => {\n  const items = JSON.parse(req.body.items);\n  items.forEach((item) => {\n    fs.writeFileSync(`items/${item.id}.json`, JSON.stringify(item));\n  });\n  res.sendStatus(204);\n});\n",
      after: "// fixture-options: express=5\nconst express = require('express');\nconst { writeFile } = require('fs/promises');\n\nconst app = express();\napp.post('/items', async (req, res) => {\n  const items = JSON.parse(req.body.items);\n  for (const item of items) {\n    await writeFile(`items/${item.id}.json`, JSON.stringify(item));\n  }\n  res.sendStatus(204);\n});\n",
    },
    safety: 'Safe when the receiver is an array and the callback does not add to or remove from it; review otherwise (a Map iterates entries, not values; for...of sees elements added during the loop, which forEach skips), and review when the loop now awaits between a read and a write of shared state (see interleaving-hazard). Callbacks that use `this`, `arguments`, `return value`, a third parameter or `return` inside a nested loop are left alone with a manual finding. Under `--safety safe` a loop whose rewrite would be review keeps its callback sync, with its blocking calls reported.',
  },
};
