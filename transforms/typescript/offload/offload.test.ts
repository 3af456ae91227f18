// worker-offload and sqlite-sync-call on small projects: which queries are
// found (following the handle across files), which functions are offloaded,
// and the reason given for each one that is not.
import { describe, expect, it } from 'vitest';
import { migrateFiles } from '../test-helpers.js';

const HANDLER = (call: string, imports: string) => `${imports}
const express = require('express');
const app = express();
app.get('/x/:id', (req, res) => {
  res.json(${call});
});
module.exports = app;
`;

async function run(files: Record<string, string>, offload?: string[]) {
  const { result, out } = await migrateFiles(files, { real: true, targets: { express: '5' }, ...(offload ? { offload } : {}) });
  const offloaded = result.findings.filter((f) => f.rule === 'worker-offload' && f.applied).map((f) => `${f.path}:${f.line}`);
  const manual = result.findings.filter((f) => f.safety === 'manual').map((f) => `${f.rule} ${f.path}:${f.line} ${f.message.slice(f.message.search(/awaitify (does not|runs)/))}`);
  return { result, out, offloaded, manual };
}

describe('sync-only queries', () => {
  it('follows the handle through an exported variable, a prepared statement and a transaction', async () => {
    const { offloaded, manual, out } = await run({
      'db.js': "const Database = require('better-sqlite3');\nexports.db = new Database('a.db');\n",
      'store.js':
        "const { db } = require('./db');\nconst insert = db.prepare('INSERT INTO t (v) VALUES (?)');\nconst addAll = db.transaction((values) => { for (const v of values) insert.run(v); });\nfunction save(values) {\n  addAll(values);\n  return values.length;\n}\nmodule.exports = { save };\n",
      'app.js': HANDLER("save(req.body.values)", "const { save } = require('./store');"),
    });
    expect(manual).toEqual([]);
    expect(offloaded).toEqual(['app.js:5']);
    expect(out['app.js']).toContain("await runInWorker(require.resolve('./store'), 'save', [req.body.values])");    expect(out['app.js']).toBe(
      "const express = require('express');\nconst { runInWorker } = require('./offload-worker');\nconst app = express();\napp.get('/x/:id', async (req, res) => {\n  res.json(await runInWorker(require.resolve('./store'), 'save', [req.body.values]));\n});\nmodule.exports = app;\n",
    );
    // The helper the call imports is created beside it, and the queries' own modules are unchanged.
    expect(out['offload-worker.js']).toMatch(/^\/\/ Written by awaitify \(rule worker-offload\)/);
    expect(out['store.js']).toContain("function save(values) {\n  addAll(values);");
  });

  it('reports a query whose result is an iterator, with the reason', async () => {
    const { offloaded, manual } = await run({
      'store.js': "const Database = require('better-sqlite3');\nconst db = new Database('a.db');\nfunction rows() {\n  return db.prepare('SELECT * FROM t').iterate();\n}\nmodule.exports = { rows };\n",
      'app.js': HANDLER('[...rows()]', "const { rows } = require('./store');"),
    });
    expect(offloaded).toEqual([]);
    expect(manual).toEqual(['sqlite-sync-call store.js:4 awaitify does not run `rows` on a worker thread: its result cannot be structured-cloned (line 4: a function, an iterator or a class instance).']);
  });

  it('offloads a TypeScript function by its declared types, and refuses a class-typed parameter', async () => {
    const store = "import { DatabaseSync } from 'node:sqlite';\nexport class Filter { constructor(readonly name: string) {} matches(x: string): boolean { return x === this.name; } }\nconst db = new DatabaseSync('a.db');\nexport function byName(name: string): { id: number }[] {\n  return db.prepare('SELECT id FROM t WHERE name = ?').all(name) as { id: number }[];\n}\nexport function byFilter(filter: Filter): number {\n  return Number(db.prepare('SELECT count(*) AS n FROM t WHERE name = ?').get(filter.name)?.n);\n}\n";
    const app = "import express from 'express';\nimport { byName, byFilter, Filter } from './store.js';\nexport const app = express();\napp.get('/a', (req, res) => {\n  res.json(byName(String(req.query.q)));\n});\napp.get('/b', (req, res) => {\n  res.json(byFilter(new Filter(String(req.query.q))));\n});\n";
    const { out, manual } = await run({ 'package.json': '{"type":"module"}', 'store.ts': store, 'app.ts': app });
    expect(out['app.ts']).toContain("res.json(await runInWorker<typeof byName>(new URL('./store.js', import.meta.url), 'byName', [String(req.query.q)]));");
    expect(out['app.ts']).toContain('res.json(byFilter(new Filter(String(req.query.q))));');
    expect(manual).toEqual(['sqlite-sync-call store.ts:8 awaitify does not run `byFilter` on a worker thread: its parameter `filter` cannot be structured-cloned (a function or a class instance).']);
  });

  it('offloads a function listed with --offload and says why a listed one cannot be', async () => {
    const { out, manual } = await run(
      {
        'work.js': 'function heavy(n) {\n  let s = 0;\n  for (let i = 0; i < n; i++) s += i;\n  return s;\n}\nfunction withThis() {\n  return this.n;\n}\nmodule.exports = { heavy, withThis };\n',
        'app.js': "const { heavy, withThis } = require('./work');\nconst express = require('express');\nconst app = express();\napp.get('/h', (req, res) => res.json({ s: heavy(Number(req.query.n)), t: withThis() }));\nmodule.exports = app;\n",
      },
      ['work.js:heavy', 'work.js:withThis'],
    );
    expect(out['app.js']).toContain("s: await runInWorker(require.resolve('./work'), 'heavy', [Number(req.query.n)])");
    expect(manual).toEqual(['worker-offload work.js:6 awaitify does not run it on a worker thread: it uses `this`.']);
  });
});
