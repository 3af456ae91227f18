// express4-async-errors: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const express4AsyncErrorsRule: RuleMeta = {
  id: RULE.express4AsyncErrors,
  language: 'typescript',
  safety: 'safe',
  structural: true,
  exampleExt: 'js',
  minTargets: {},
  docs: {
    summary: 'Forwards errors of Express 4 handlers that became async to `next`.',
    whatItDoes: 'Wraps the body of a handler that became async in `try { ... } catch (err) { next(err); }`, adding the `next` parameter when it is missing. Not applied under Express 5, which forwards rejections itself.',
    why: 'Express 4 ignores the promise an async handler returns: a thrown error no longer reaches the error middleware, the request hangs and the rejection is unhandled.',
    example: {
      before: "// fixture-options: express=4\nconst fs = require('fs');\nconst express = require('express');\n\nconst app = express();\napp.get('/a', (req, res) => {\n  res.send(fs.readFileSync('a.txt', 'utf8'));\n});\n",
      after: "// fixture-options: express=4\nconst express = require('express');\nconst { readFile } = require('fs/promises');\n\nconst app = express();\napp.get('/a', async (req, res, next) => {\n  try {\n    res.send(await readFile('a.txt', 'utf8'));\n  } catch (err) {\n    next(err);\n  }\n});\n",
    },
    safety: 'Safe: errors that used to reach the error middleware synchronously reach it through `next(err)`; an error-handling middleware (four parameters) that fails hands its own error to the next one. Handlers whose whole body is already a try/catch are left alone.',
  },
};
