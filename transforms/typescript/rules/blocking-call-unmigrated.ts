// blocking-call-unmigrated: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const blockingCallUnmigratedRule: RuleMeta = {
  id: RULE.blockingCallUnmigrated,
  language: 'typescript',
  safety: 'manual',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'Reports a blocking call reachable from a handler that was left as it was.',
    whatItDoes: 'Reports each blocking call on a request path whose function had to stay sync, with the reason.',
    why: 'The call still blocks the event loop for every request; the report says which boundary kept it.',
    example: {
      before: "// fixture-options: express=5\nconst fs = require('fs');\nconst express = require('express');\n\nclass Store {\n  get data() {\n    return fs.readFileSync('data.json', 'utf8');\n  }\n}\n\nconst app = express();\nconst store = new Store();\napp.get('/data', (req, res) => res.send(store.data));\n",
      after: "// manual: replace the getter with an async method\nclass Store {\n  async getData() {\n    return readFile('data.json', 'utf8');\n  }\n}\n\napp.get('/data', async (req, res) => res.send(await store.getData()));\n",
    },
    safety: 'Manual: nothing is changed.',
  },
};
