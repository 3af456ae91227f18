// predicate-async-callback: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const predicateAsyncCallbackRule: RuleMeta = {
  id: RULE.predicateAsyncCallback,
  language: 'typescript',
  safety: 'review',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'Awaits the callbacks of `filter`, `some`, `every`, `find` and `findIndex` first when they must become async, and lets the array method read their answers.',
    whatItDoes:
      "Rewrites `const xs2 = xs.filter(cb)` as `const keep = await Promise.all(xs.map(cb)); const xs2 = xs.filter((_, i) => keep[i]);` (`find` likewise; `some`, `every` and `findIndex` read `keep.some(Boolean)` and so on). A receiver that is not a plain name is evaluated once into `const items = ...` first. The callback's text stays where it is, so the rewrites inside it apply as usual. Only where the statement allows it: the call is not in a branch that may not run (`?:`, `&&`, `||`, `??`), nothing else in the statement runs before it, the statement is a declaration, expression, `return`, `throw` or an `if` condition directly in a block, and there is no `thisArg`; elsewhere the callback stays sync with a finding.",
    why: 'These methods use the callback\'s answer at once: an async callback returns a promise, which is always truthy, so `filter` would keep everything and `find` would return the first element.',
    example: {
      before: "// fixture-options: express=5\nconst fs = require('fs');\nconst path = require('path');\nconst express = require('express');\n\nconst app = express();\napp.get('/sites', (req, res) => {\n  const names = fs.readdirSync('sites');\n  const built = names.filter((name) => fs.existsSync(path.join('sites', name, 'index.html')));\n  res.json(built);\n});\n",
      after: "// fixture-options: express=5\nconst path = require('path');\nconst express = require('express');\nconst { readdir, access } = require('fs/promises');\n\nconst app = express();\napp.get('/sites', async (req, res) => {\n  const names = await readdir('sites');\n  const keep = await Promise.all(names.map(async (name) => await access(path.join('sites', name, 'index.html')).then(() => true, () => false)));\n  const built = names.filter((_, i) => keep[i]);\n  res.json(built);\n});\n",
    },
    safety: 'Review: every callback now runs, all at once, before the method reads the answers. `some`, `every`, `find` and `findIndex` used to stop at the first decisive answer, and sequential callbacks now interleave their side effects. It assumes the receiver is an array where awaitify cannot tell (the finding says so). Under `--safety safe` the callback keeps its sync form, with its blocking calls reported.',
  },
};
