// Metadata of the rules for code with no async form: sync-only database
// libraries (reported) and the worker-thread offload (applied where sound).
import type { RuleMeta } from '../../core/types.js';

// The ids live here, not in the analysis modules, so that the rule list loads without ts-morph.
export const OFFLOAD_RULE = 'worker-offload';
export const SQLITE_RULE = 'sqlite-sync-call';

const EXAMPLE_BEFORE = `// fixture-options: express=5
const Database = require('better-sqlite3');
const express = require('express');

const db = new Database('shop.db');
const byId = db.prepare('SELECT id, name, price FROM products WHERE id = ?');

function findProduct(id) {
  return byId.get(id);
}

const app = express();
app.get('/products/:id', (req, res) => {
  res.json(findProduct(req.params.id));
});

module.exports = { app, findProduct };
`;

const EXAMPLE_AFTER = `// fixture-options: express=5
const Database = require('better-sqlite3');
const express = require('express');
const { runInWorker } = require('./offload-worker');

const db = new Database('shop.db');
const byId = db.prepare('SELECT id, name, price FROM products WHERE id = ?');

function findProduct(id) {
  return byId.get(id);
}

const app = express();
app.get('/products/:id', async (req, res) => {
  res.json(await runInWorker(__filename, 'findProduct', [req.params.id]));
});

module.exports = { app, findProduct };
`;

export const offloadRules: RuleMeta[] = [
  {
    id: OFFLOAD_RULE,
    language: 'typescript',
    safety: 'review',
    exampleExt: 'js',
    docs: {
      summary: 'Runs a function that has no async form (SQLite through a sync-only library, or CPU-heavy work listed with `--offload`) on a worker thread, awaited by its callers.',
      whatItDoes:
        "Finds module functions that query better-sqlite3, `node:sqlite` `DatabaseSync` or node-sqlite3-wasm (following the handle from the `new` that opened it, through prepared statements, variables and module exports), and functions named with `--offload 'path-glob:name'`. Where a caller on an async path calls one, the call becomes `await runInWorker(<module>, '<export>', [args])`, and `runInWorker` comes from `offload-worker.js` (or `.mjs`/`.ts`, in the project's own module system), which this run creates beside the code: a pool of up to four `worker_threads` workers that load the module once each and call the export. The function itself is unchanged and its synchronous callers keep calling it.",
      why: "Each query of a sync-only database library, and each CPU-heavy function, holds the event loop for as long as it runs: every other request waits. These libraries have no async API to rewrite to; a worker thread runs the same code off the event loop.",
      example: { before: EXAMPLE_BEFORE, after: EXAMPLE_AFTER },
      safety:
        "Review. Offloaded only when a worker runs the function as the main thread would: a module-level exported function without `this`; a module (and the project modules it imports) that only declares things at load (no server, timer, file or database write; `if (require.main === module)` blocks do not count); no in-memory database (each worker opens its own connection to the same file); parameters and result shown to be plain data (declared types, SQLite rows, values only bound as query parameters, request params). What changes: the worker has module state of its own, arguments and results are structured-clones, and errors come back as `Error` objects with the same name, message and code (not the library's error class). Anything else stays a `sqlite-sync-call` finding with the reason.",
    },
  },
  {
    id: SQLITE_RULE,
    language: 'typescript',
    safety: 'manual',
    exampleExt: 'js',
    docs: {
      summary: 'Reports SQL run through a sync-only library (better-sqlite3, `node:sqlite` `DatabaseSync`, node-sqlite3-wasm) on a request path, where awaitify cannot run it on a worker thread.',
      whatItDoes:
        'Reports each query call (`stmt.get/all/run/iterate`, `db.exec`, `db.pragma`, a transaction function) reachable from a handler whose function awaitify does not offload (rule worker-offload), with the reason it does not: a method or nested function, not exported, a module that starts things at load, an in-memory database, arguments or a result that may not survive structured cloning.',
      why: 'These libraries run every query on the calling thread by design: while a query runs, the process serves nothing else.',
      example: {
        before: `// fixture-options: express=5
const Database = require('better-sqlite3');
const express = require('express');

const db = new Database(':memory:');

const app = express();
app.get('/count', (req, res) => {
  res.json(db.prepare('SELECT count(*) AS n FROM visits').get());
});
`,
        after: `// fixture-options: express=5
const Database = require('better-sqlite3');
const express = require('express');
const { runInWorker } = require('./offload-worker');

const app = express();
// queries.js opens a database file and exports countVisits(); awaitify then runs it on a worker thread:
app.get('/count', async (req, res) => {
  res.json(await runInWorker(require.resolve('./queries'), 'countVisits', []));
});
`,
      },
      safety: 'Manual: never applied. Move the queries into an exported module function over a database file (not `:memory:`), or accept the wait when the queries are known to be fast.',
    },
  },
];
