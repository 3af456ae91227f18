// The metadata of missing-await (the analysis is in missing-await.ts), apart so that the rule list loads without ts-morph.
import type { RuleMeta } from '../../core/types.js';

export const MISSING_AWAIT_RULE = 'missing-await';

export const missingAwaitRule: RuleMeta = {
  id: MISSING_AWAIT_RULE,
  language: 'typescript',
  safety: 'safe',
  exampleExt: 'js',
  docs: {
    summary: 'Adds the await that a call of an async project function is missing, where its promise is used as the value or dropped.',
    whatItDoes:
      "Finds calls of the project's own async functions (declared `async`) whose result is used as if it were the value, without `await`: passed to a library call (`res.send(getUser(id))`), read through (`getUser(id).name`), used in a template, comparison or condition, or stored in a variable that is only used that way; and calls whose promise is dropped (`saveAudit(entry);`) in a function that is not async. The call gets `await`, and its function becomes async when it is not (with its callers awaiting it in turn, as async propagation does everywhere). A dropped promise in a function that was async already is reported as manual: a run never leaves that state (it writes a function's `async` and its `await`s together), so the call may be background work on purpose. A call whose promise is handed on on purpose is left alone: `void p`, `p.then(...)`/`.catch`/`.finally`, `return p`, an element of `Promise.all`/`allSettled`/`race`/`any` or of an array, an argument of a project function, a variable that is later awaited, returned or handed on, an async IIFE (`(async () => { ... })();` starts background work on purpose). A promise passed to a library call is awaited only where that call wants the value: a method of a framework handler's request or response (`res.send(p)`), a global that reads a value (`JSON.stringify(p)`), or a declared parameter whose type has no promise in it; passed to a call awaitify cannot type (`event.waitUntil(p)` on an untyped receiver, a parameter typed `any` or generic), the promise may be taken on purpose, and the finding is manual. Where the function cannot become async (module top level, a constructor, a caller that must stay sync), the finding is manual and says why; a dropped promise there is not reported, as it is how a script starts its async `main()` or a handler starts a background task.",
    why: "A missing await is a silent bug: the caller gets a pending promise instead of the value (`res.send` answers `{}`, `user.name` is undefined), and a dropped promise's rejection is an unhandled rejection that nobody sees. It is also the state an interrupted or partial migration leaves (the callee became async, a caller in another file was not rewritten yet): a run of `awaitify check` finds it, and `awaitify migrate` repairs it.",
    example: {
      before:
        "// fixture-options: express=5\nconst express = require('express');\nconst { readFile } = require('fs/promises');\n\nasync function loadUser(id) {\n  return JSON.parse(await readFile(`users/${id}.json`, 'utf8'));\n}\n\nconst app = express();\napp.get('/users/:id', (req, res) => {\n  res.json(loadUser(req.params.id));\n});\n",
      after:
        "// fixture-options: express=5\nconst express = require('express');\nconst { readFile } = require('fs/promises');\n\nasync function loadUser(id) {\n  return JSON.parse(await readFile(`users/${id}.json`, 'utf8'));\n}\n\nconst app = express();\napp.get('/users/:id', async (req, res) => {\n  res.json(await loadUser(req.params.id));\n});\n",
    },
    safety:
      "Safe where the promise is used as the value: the code meant the value, and awaiting gives it. Review where the promise was dropped (`f();`): the caller now waits for it and sees its rejection, which is what a forgotten await means, but if the call was meant to run in the background write `void f();` (or `f().catch(...)`) and it is left alone.",
  },
};
