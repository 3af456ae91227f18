// async-callback-boundary: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const asyncCallbackBoundaryRule: RuleMeta = {
  id: RULE.asyncCallbackBoundary,
  language: 'typescript',
  safety: 'manual',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'Reports a callback that would have to become async but is handed to code that needs a synchronous result.',
    whatItDoes: 'Reports `filter`, `some`, `every`, `find`, `reduce`, `sort` and similar callbacks, JSON revivers and sync-only listeners whose body calls something that became async.',
    why: 'These callers use the callback\'s return value at once: an async callback returns a promise, which is always truthy (`filter`, `some`, `find`) or not a number (`sort`).',
    example: {
      before: "// fixture-options: express=5\nconst fs = require('fs');\nconst express = require('express');\n\nconst app = express();\napp.get('/present', (req, res) => {\n  const names = req.query.names.split(',');\n  res.json(req.query.all ? names : names.filter((name) => fs.existsSync(`files/${name}`)));\n});\n",
      after: "// manual: find the flags first, then filter synchronously\napp.get('/present', async (req, res) => {\n  const names = req.query.names.split(',');\n  if (req.query.all) return res.json(names);\n  const present = await Promise.all(names.map((name) => access(`files/${name}`).then(() => true, () => false)));\n  res.json(names.filter((_, i) => present[i]));\n});\n",
    },
    safety: 'Manual: awaitify does not rewrite these; the message says what to do.',
  },
};
