// The metadata of test-done-callback (the analysis is in test-done-callback.ts), apart so that the rule list loads without ts-morph.
import type { RuleMeta } from '../../core/types.js';

export const TEST_DONE_RULE = 'test-done-callback';
export const TEST_DONE_KIND = 'test-done-callback';
export const VERIFY_DONE_KIND = 'passport-verify-done';

export const testDoneCallbackRule: RuleMeta = {
  id: TEST_DONE_RULE,
  language: 'typescript',
  safety: 'safe',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'Runs the body of a test or hook that takes `done` in an async IIFE whose rejection goes to `done`, instead of making it async.',
    whatItDoes:
      "When a test body or hook handed to mocha, jest or node:test (`it`, `test`, `specify`, `before`, `beforeEach`, `after`, `afterEach`, `beforeAll`, `afterAll`) declares a `done` callback (the first parameter for mocha and jest, the second for node:test) and must await something, it is not made async: its statements move into `(async () => { ... })().catch(done);`, re-indented, and the awaits go inside. A body written as an expression, and one where `done` is called before later statements that would now run after an await (review), stay sync under `--safety safe` with a manual finding; so does what they call, or it keeps a sync twin under `--api twin`. `it.each(...)` bodies, vitest and ava contexts and tape's `t` are not `done` callbacks. A passport strategy's verify callback (the last argument of `new LocalStrategy(...)` or any strategy from a `passport-*` package, its last parameter `done`) is treated the same way: passport calls it on each login (so it is a request-path entry) and ignores what it returns.",
    why:
      "Mocha fails a test that both declares `done` and returns a promise (\"Resolution method is overspecified. Specify a callback *or* return a Promise; not both\"), and jest fails one that takes `done` and returns something. An async function always returns a promise, so adding `async` breaks the test. The IIFE keeps `done` as the way the test ends, and a rejection (a failed assertion after an await) reaches `done(err)` instead of becoming an unhandled rejection.",
    example: {
      before:
        "// fixture-options: express=5\nconst assert = require('assert');\nconst fs = require('fs');\nconst express = require('express');\n\nfunction loadFixture(name) {\n  return JSON.parse(fs.readFileSync(`fixtures/${name}.json`, 'utf8'));\n}\n\nconst app = express();\napp.get('/fixture/:name', (req, res) => res.json(loadFixture(req.params.name)));\n\ndescribe('fixtures', () => {\n  it('loads a user', function (done) {\n    const user = loadFixture('user');\n    assert.equal(user.name, 'Ada');\n    done();\n  });\n});\n",
      after:
        "const assert = require('assert');\nconst express = require('express');\nconst { readFile } = require('fs/promises');\n\nasync function loadFixture(name) {\n  return JSON.parse(await readFile(`fixtures/${name}.json`, 'utf8'));\n}\n\nconst app = express();\napp.get('/fixture/:name', async (req, res) => res.json(await loadFixture(req.params.name)));\n\ndescribe('fixtures', () => {\n  it('loads a user', function (done) {\n    (async () => {\n      const user = await loadFixture('user');\n      assert.equal(user.name, 'Ada');\n      done();\n    })().catch(done);\n  });\n});\n",
    },
    safety:
      'Safe when `done` is used only in the last statement or in `return done(...)`: the test ends where it ended, and an error thrown after an await fails it through `done(err)`, as a thrown error failed it before. Review when `done` is called before statements that would now run after an await: the runner may start the next test while they run.',
  },
};
