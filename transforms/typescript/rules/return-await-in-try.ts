// return-await-in-try: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const returnAwaitInTryRule: RuleMeta = {
  id: RULE.returnAwaitInTry,
  language: 'typescript',
  safety: 'review',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'Awaits a returned promise inside `try` of a function that became async.',
    whatItDoes: 'Turns `return promise` into `return await promise` inside the `try` block of a function that became async.',
    why: '`return p` inside `try` hands the promise to the caller before it settles, so the `catch` never sees its rejection; `return await p` keeps the rejection inside the `try`.',
    example: {
      before: "// fixture-options: express=5\nconst fs = require('fs');\nconst express = require('express');\n\nfunction loadSettings() {\n  const name = fs.readFileSync('settings-name.txt', 'utf8').trim();\n  try {\n    return fetch(`https://config.example/${name}`).then((r) => r.json());\n  } catch (err) {\n    return {};\n  }\n}\n\nconst app = express();\napp.get('/settings', (req, res) => {\n  res.json(loadSettings());\n});\n",
      after: "// fixture-options: express=5\nconst express = require('express');\nconst { readFile } = require('fs/promises');\n\nasync function loadSettings() {\n  const name = (await readFile('settings-name.txt', 'utf8')).trim();\n  try {\n    return await fetch(`https://config.example/${name}`).then((r) => r.json());\n  } catch (err) {\n    return {};\n  }\n}\n\nconst app = express();\napp.get('/settings', async (req, res) => {\n  res.json(await loadSettings());\n});\n",
    },
    safety: 'Review: the value is the same, but the behaviour on failure changes: a rejection that used to reach the caller is now handled by the `catch` block the code already has (which is usually what its author meant), and a `finally` block now runs after the promise settles instead of before. Under `--safety safe` the `return` stays as it was, which keeps the old behaviour: the caller awaits the returned promise either way.',
  },
};
