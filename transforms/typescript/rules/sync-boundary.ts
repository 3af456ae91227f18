// sync-boundary: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const syncBoundaryRule: RuleMeta = {
  id: RULE.syncBoundary,
  language: 'typescript',
  safety: 'manual',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'Reports where async propagation stops: a constructor, getter, setter, generator or module top level calls something that would become async.',
    whatItDoes: 'Names the function that stays sync (under `--api replace`) and the call site that prevents the change, with what to do about it. A function also stays sync when some of its calls may be hidden from awaitify: a call on a value it cannot resolve names the same method (`endpoint.matches(data)` with `endpoint` read from `this.db[id]`), or its reference escapes to where calls cannot be followed (read by a computed name as `obj[name]`, its object handed to a package, returned or stored, the function itself stored in an array or on an unknown object). A library\'s public API stays sync too: in a package that is published (not `"private": true`), declares an entry (`main`, `exports`, or the default `index.js`) and is not an app (no `start` script, no `.listen(` in its entry, not only a `bin`), every function the entry exports (named and default exports, `module.exports`, re-exports, methods of exported objects and classes, what an exported factory returns) is called by the package\'s users: the finding names the function and the entry (under `--api twin` it keeps its sync form beside an async twin). A package of the project that other project code imports by its package.json name (a workspace package, `require(\'@acme/lib\')`) is followed to its entry among the run\'s files (`exports`, `module`/`main`, or `index.*`); when that entry is a build that is not among them (`dist/` not built, or ignored), the calls through the import cannot be seen, so every function the package\'s files export keeps its sync form the same way, with a finding naming the import. A private package below the root (not an app, with an entry) is treated the same way when a file the run does not analyse imports it by name (an `.html`, `.htm`, `.vue`, `.svelte`, `.astro`, `.md` or `.mdx` file with `from \'<name>\'`, `require(\'<name>\')`, `import(\'<name>\')` or a `src` through it; the finding names that file), or when no run file imports it by name at all.',
    why: 'Constructors, getters and setters cannot be async, module top level does not await (CommonJS cannot, and an ES module with top-level await cannot be require()d), and a library\'s users expect its exported functions to return values; making the callee async would silently hand them a promise. A call awaitify cannot see would get a promise too, which is always truthy and fails nowhere near the cause.',
    example: {
      before: "// fixture-options: express=5\nconst fs = require('fs');\nconst express = require('express');\n\nfunction loadConfig() {\n  return JSON.parse(fs.readFileSync('config.json', 'utf8'));\n}\n\nclass Config {\n  constructor() {\n    this.data = loadConfig();\n  }\n}\n\nconst app = express();\napp.get('/config', (req, res) => res.json(loadConfig()));\nmodule.exports = { Config };\n",
      after: "// manual: load before constructing, in an async factory\nclass Config {\n  constructor(data) {\n    this.data = data;\n  }\n\n  static async create() {\n    return new Config(await loadConfig());\n  }\n}\n",
    },
    safety: 'Manual: the callee stays sync so no caller breaks; `--api twin` keeps a sync twin beside the async function instead.',
  },
};
