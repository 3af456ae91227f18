// async-propagation: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const asyncPropagationRule: RuleMeta = {
  id: RULE.asyncPropagation,
  language: 'typescript',
  safety: 'safe',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'Makes every function that must await something async, and awaits every call of a function that became async.',
    whatItDoes:
      'Inserts `async` on functions that now await (declarations, expressions, arrows, class and object methods), `await` at their call sites (parenthesised where precedence needs it), and turns a TypeScript return annotation `T` into `Promise<T>`. Under `--api twin`, a function that some caller cannot await (a constructor, a getter, a sync callback, module top level) keeps its sync form under its old name and gains an async twin `<name>Async` beside it, exported the same way (`export`, `export { }`, `module.exports = { }`, `exports.x =`); callers that can await call the twin, so code outside the codebase that imports the old name keeps working. Methods that override or implement one another are twinned together, and interface and abstract signatures gain `<name>Async(...): Promise<T>`; barrels that re-export the function re-export its twin (`export { f, fAsync } from`, CommonJS objects; `export *` needs nothing). Functions made with lodash or ramda `curry` are followed: a call that supplies every parameter (`save(user, 3)`, `save(user)(3)`) is awaited, a partial application is not, and the function stays sync when it is used any other way (stored, handed to a package). A `flow(f, g)(x)` / `pipe(f, g)(x)` invoked at once whose steps became async is written out as nested calls that await them (`await g(await f(x))`), when every step and argument is a name, a literal, a property read or a call of such things; a flow kept as a value keeps its steps sync. GraphQL resolvers (the `resolvers` map handed to `makeExecutableSchema`/`addResolversToSchema` from @graphql-tools/schema, `new ApolloServer(...)`, graphql-yoga) are request-path entries whose return value graphql-js awaits.',
    why: 'A function that calls an async function without awaiting it gets a pending promise instead of the value, and a bare call becomes a floating promise whose errors nobody sees.',
    example: {
      before: "// fixture-options: express=5\nconst fs = require('fs');\nconst express = require('express');\n\nfunction loadUser(id) {\n  return JSON.parse(fs.readFileSync(`users/${id}.json`, 'utf8'));\n}\n\nconst app = express();\napp.get('/users/:id', (req, res) => {\n  res.json(loadUser(req.params.id));\n});\n",
      after: "// fixture-options: express=5\nconst express = require('express');\nconst { readFile } = require('fs/promises');\n\nasync function loadUser(id) {\n  return JSON.parse(await readFile(`users/${id}.json`, 'utf8'));\n}\n\nconst app = express();\napp.get('/users/:id', async (req, res) => {\n  res.json(await loadUser(req.params.id));\n});\n",
    },
    safety: 'Safe: the function returned a value and now returns a promise of it, and every caller awaits it. Callers that cannot await (constructors, getters, sync callbacks, module top level) keep the function sync instead (see sync-boundary). An awaited call that lies between a check and its act, or a read and a write of shared state, is review, and is not inserted under `--safety safe` (see interleaving-hazard). A function handed to `setInterval` is review too: once it awaits, the next tick can start it while a run is still in progress, which never happened while it was sync; under `--safety safe` it keeps its sync form.',
  },
};
