// The JS/TS engine end to end through the pipeline, with the stand-in catalog
// (`blockingRead(x)` → `await read(x)`) so each case isolates one structural
// behaviour. Exact text comparisons; no trimming.
import { describe, expect, it } from 'vitest';
import { migrateFiles } from './test-helpers.js';

const rules = (r: Awaited<ReturnType<typeof migrateFiles>>) => r.result.findings.map((f) => `${f.rule}@${f.path}:${f.line}${f.applied ? '' : ' (not applied)'}`);

describe('call graph across files', () => {
  it('follows require destructuring, exports.x and a required object literal', async () => {
    const r = await migrateFiles({
      'app.js': [
        "const express = require('express');",
        "const { loadUser } = require('./users');",
        'const app = express();',
        "app.get('/users/:id', (req, res) => {",
        '  res.json(loadUser(req.params.id));',
        '});',
        '',
      ].join('\n'),
      'users.js': ["const helpers = require('./helpers');", 'function loadUser(id) {', '  return helpers.read(id).trim();', '}', 'exports.loadUser = loadUser;', ''].join('\n'),
      'helpers.js': ['module.exports = {', '  read(id) {', "    return blockingRead('/data/' + id);", '  },', '};', ''].join('\n'),
    });
    expect(r.out['helpers.js']).toBe(['module.exports = {', '  async read(id) {', "    return await read('/data/' + id);", '  },', '};', ''].join('\n'));
    expect(r.out['users.js']).toBe(
      ["const helpers = require('./helpers');", 'async function loadUser(id) {', '  return (await helpers.read(id)).trim();', '}', 'exports.loadUser = loadUser;', ''].join('\n'),
    );
    expect(r.out['app.js']).toBe(
      [
        "const express = require('express');",
        "const { loadUser } = require('./users');",
        'const app = express();',
        "app.get('/users/:id', async (req, res, next) => {",
        '  try {',
        '    res.json(await loadUser(req.params.id));',
        '  } catch (err) {',
        '    next(err);',
        '  }',
        '});',
        '',
      ].join('\n'),
    );
    expect(r.result.plan.entries).toEqual([{ path: 'app.js', line: 4, column: 1, name: 'GET /users/:id', framework: 'express' }]);
  });

  it('resolves ESM imports, re-exports, default exports and class methods via this', async () => {
    const r = await migrateFiles({
      'src/index.ts': "export { Store } from './store.js';\nexport * from './util.js';\n",
      'src/util.ts': 'export default function raw(p: string): string {\n  return blockingRead(p);\n}\n',
      'src/store.ts': "import raw from './util.js';\nexport class Store {\n  get(k: string): string {\n    return this.parse(raw(k));\n  }\n  private parse(s: string) {\n    return s;\n  }\n}\n",
      'src/server.ts':
        "import express from 'express';\nimport { Store } from './index.js';\nconst app = express();\nconst store = new Store();\napp.get('/k', (req, res) => res.send(store.get('k')));\n",
    }, { targets: { express: '5' } });
    expect(r.out['src/util.ts']).toBe('export default async function raw(p: string): Promise<string> {\n  return await read(p);\n}\n');
    expect(r.out['src/store.ts']).toBe(
      "import raw from './util.js';\nexport class Store {\n  async get(k: string): Promise<string> {\n    return this.parse(await raw(k));\n  }\n  private parse(s: string) {\n    return s;\n  }\n}\n",
    );
    expect(r.out['src/server.ts']).toBe(
      "import express from 'express';\nimport { Store } from './index.js';\nconst app = express();\nconst store = new Store();\napp.get('/k', async (req, res) => res.send(await store.get('k')));\n",
    );
  });

  it('asks the type checker for typed instances, through tsconfig path aliases', async () => {
    const r = await migrateFiles({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, baseUrl: '.', paths: { '@/*': ['src/*'] } } }),
      'src/repo.ts': 'export class Repo {\n  find(id: string) {\n    return blockingRead(id);\n  }\n}\n',
      'src/svc.ts': "import { Repo } from '@/repo';\nexport class Svc {\n  constructor(private repo: Repo) {}\n  get(id: string) {\n    return this.repo.find(id);\n  }\n}\n",
      'src/routes.ts': "import { Router } from 'express';\nimport type { Svc } from './svc';\nexport function routes(svc: Svc) {\n  const r = Router();\n  r.get('/x', (req, res) => res.send(svc.get('x')));\n  return r;\n}\n",
    }, { targets: { express: '5' } });
    expect(r.out['src/svc.ts']).toContain('  async get(id: string) {\n    return await this.repo.find(id);');
    expect(r.out['src/routes.ts']).toContain("r.get('/x', async (req, res) => res.send(await svc.get('x')));");
  });

  it('awaits an existing async function called from a function that became async, never twice', async () => {
    const r = await migrateFiles({
      'a.js': [
        "const app = require('express')();",
        'async function audit() {}',
        'function save(x) {',
        '  audit();',
        '  return blockingRead(x);',
        '}',
        "app.post('/s', async (req, res) => {",
        '  res.send(await save(req.body));',
        '  save(1).then(() => {});',
        '});',
        '',
      ].join('\n'),
    });
    expect(r.out['a.js']).toBe(
      [
        "const app = require('express')();",
        'async function audit() {}',
        'async function save(x) {',
        '  await audit();',
        '  return await read(x);',
        '}',
        "app.post('/s', async (req, res) => {",
        '  res.send(await save(req.body));',
        '  save(1).then(() => {});',
        '});',
        '',
      ].join('\n'),
    );
  });
});

describe('boundaries', () => {
  it('keeps a function called from a constructor sync and reports it', async () => {
    const r = await migrateFiles({
      'c.js': [
        "const app = require('express')();",
        'function load() {',
        "  return blockingRead('x');",
        '}',
        'class Config {',
        '  constructor() {',
        '    this.data = load();',
        '  }',
        '}',
        "app.get('/', (req, res) => res.send(load()));",
        '',
      ].join('\n'),
    });
    expect(r.out['c.js']).toBe(r.result.files[0]!.original);
    expect(rules(r)).toEqual(['blocking-call-unmigrated@c.js:3 (not applied)', 'sync-boundary@c.js:7 (not applied)']);
    expect(r.result.findings[1]!.message).toContain('static async create()');
  });

  it('reports a filter callback instead of making it async', async () => {
    const r = await migrateFiles({
      'f.js': [
        "const app = require('express')();",
        'function ok(x) {',
        '  return blockingRead(x) === "1";',
        '}',
        "app.get('/', (req, res) => res.send([1, 2].filter((x) => ok(x))));",
        '',
      ].join('\n'),
    });
    expect(r.out['f.js']).toBe(r.result.files[0]!.original);
    expect(rules(r)).toContain('async-callback-boundary@f.js:5 (not applied)');
  });

  it('leaves module top-level callers alone', async () => {
    const r = await migrateFiles({
      'm.js': "const app = require('express')();\nfunction cfg() {\n  return blockingRead('c');\n}\nconst boot = cfg();\napp.get('/', (req, res) => res.send(cfg()));\n",
    });
    expect(r.out['m.js']).toBe(r.result.files[0]!.original);
    expect(rules(r)).toContain('sync-boundary@m.js:5 (not applied)');
  });
});

describe('callbacks', () => {
  it('turns forEach into for...of, keeping the index and turning return; into continue;', async () => {
    const r = await migrateFiles({
      'e.js': [
        "const app = require('express')();",
        "app.get('/', (req, res) => {",
        '  const out = [];',
        '  req.body.items.forEach((item, i) => {',
        '    if (!item) return;',
        '    out.push(blockingRead(item) + i);',
        '  });',
        '  res.send(out);',
        '});',
        '',
      ].join('\n'),
    }, { targets: { express: '5' } });
    expect(r.out['e.js']).toBe(
      [
        "const app = require('express')();",
        "app.get('/', async (req, res) => {",
        '  const out = [];',
        '  for (const [i, item] of req.body.items.entries()) {',
        '    if (!item) continue;',
        '    out.push((await read(item)) + i);',
        '  }',
        '  res.send(out);',
        '});',
        '',
      ].join('\n'),
    );
    const f = r.result.findings.find((x) => x.rule === 'foreach-async-callback')!;
    expect(f.safety).toBe('review'); // the receiver's type is unknown
  });

  it('inlines an expression-bodied forEach callback over a known array', async () => {
    const r = await migrateFiles({
      'e.js': "const app = require('express')();\napp.get('/', (req, res) => {\n  const names = ['a', 'b'];\n  names.forEach(n => blockingRead(n));\n  res.end();\n});\n",
    }, { targets: { express: '5' } });
    expect(r.out['e.js']).toBe("const app = require('express')();\napp.get('/', async (req, res) => {\n  const names = ['a', 'b'];\n  for (const n of names) await read(n);\n  res.end();\n});\n");
    expect(r.result.findings.find((x) => x.rule === 'foreach-async-callback')!.safety).toBe('safe');
  });

  it('reports a forEach callback that returns a value instead of rewriting it', async () => {
    const r = await migrateFiles({
      'e.js': "const app = require('express')();\napp.get('/', (req, res) => {\n  [1].forEach(function (n) { return this.x + blockingRead(n); });\n  res.end();\n});\n",
    });
    expect(r.out['e.js']).toBe(r.result.files[0]!.original);
    expect(r.result.findings.map((f) => f.rule)).toContain('foreach-async-callback');
    expect(r.result.findings.find((f) => f.rule === 'foreach-async-callback')!.safety).toBe('manual');
  });

  it('wraps map with an async callback in await Promise.all', async () => {
    const r = await migrateFiles({
      'm.ts': "import express from 'express';\nconst app = express();\napp.get('/', (req, res) => {\n  res.json(req.body.ids.map((id: string) => blockingRead(id)).length);\n});\n",
    }, { targets: { express: '5' } });
    expect(r.out['m.ts']).toBe(
      "import express from 'express';\nconst app = express();\napp.get('/', async (req, res) => {\n  res.json((await Promise.all(req.body.ids.map(async (id: string) => await read(id)))).length);\n});\n",
    );
  });

  it('makes test bodies async, but not describe bodies', async () => {
    const r = await migrateFiles({
      'lib.js': "function get() { return blockingRead('x'); }\nmodule.exports = { get };\n",
      'lib.test.js': "const { test, describe } = require('node:test');\nconst { get } = require('./lib');\ntest('get', () => {\n  get();\n});\n",
    }, { entry: 'all' });
    expect(r.out['lib.js']).toBe("async function get() { return await read('x'); }\nmodule.exports = { get };\n");
    expect(r.out['lib.test.js']).toBe("const { test, describe } = require('node:test');\nconst { get } = require('./lib');\ntest('get', async () => {\n  await get();\n});\n");
  });
});

describe('express 4 error forwarding', () => {
  it('adds next to a named TypeScript handler with an imported NextFunction type', async () => {
    const r = await migrateFiles({
      'h.ts': [
        "import { Router, Request, Response } from 'express';",
        'const router = Router();',
        'function show(req: Request, res: Response): void {',
        '  const text = blockingRead(req.path);',
        '  res.send(`got:',
        '${text}`);',
        '}',
        "router.get('/s', show);",
        '',
      ].join('\n'),
    });
    expect(r.out['h.ts']).toBe(
      [
        "import { Router, Request, Response, NextFunction } from 'express';",
        'const router = Router();',
        'async function show(req: Request, res: Response, next: NextFunction): Promise<void> {',
        '  try {',
        '    const text = await read(req.path);',
        '    res.send(`got:',
        '${text}`);',
        '  } catch (err) {',
        '    next(err);',
        '  }',
        '}',
        "router.get('/s', show);",
        '',
      ].join('\n'),
    );
  });

  it('hands the own failure of an error middleware to the next error handler, leaves handlers that already catch alone, and adds nothing under Express 5', async () => {
    const src = [
      "const app = require('express')();",
      'app.use((err, req, res, next) => { res.send(blockingRead(err.message)); });',
      "app.get('/t', (req, res, next) => {",
      '  try {',
      "    res.send(blockingRead('t'));",
      '  } catch (e) {',
      '    next(e);',
      '  }',
      '});',
      '',
    ].join('\n');
    const r4 = await migrateFiles({ 'x.js': src }, { targets: { express: '4' } });
    expect(r4.out['x.js']).toBe(
      src
        .replace('app.use((err, req, res, next) => { res.send(blockingRead(err.message)); });', 'app.use(async (err, req, res, next) => { try { res.send(await read(err.message)); } catch (error) { next(error); } });')
        .replace("app.get('/t', (req", "app.get('/t', async (req")
        .replace("res.send(blockingRead('t'))", "res.send(await read('t'))"),
    );
    expect(r4.result.findings.filter((f) => f.rule === 'express4-async-errors').map((f) => f.line)).toEqual([2]);
    const r5 = await migrateFiles({ 'y.js': "const app = require('express')();\napp.get('/', (req, res) => {\n  res.send(blockingRead('y'));\n});\n" }, { targets: { express: '5' } });
    expect(r5.out['y.js']).toBe("const app = require('express')();\napp.get('/', async (req, res) => {\n  res.send(await read('y'));\n});\n");
  });

  it('adds req/res/next placeholders to a handler with fewer parameters, and keeps tabs', async () => {
    const r = await migrateFiles({
      'z.js': "const express = require('express');\nconst router = express.Router();\nrouter.use(function () {\n\tblockingRead('z');\n});\n",
    });
    expect(r.out['z.js']).toBe(
      "const express = require('express');\nconst router = express.Router();\nrouter.use(async function (req, res, next) {\n\ttry {\n\t\tawait read('z');\n\t} catch (err) {\n\t\tnext(err);\n\t}\n});\n",
    );
  });
});

describe('return await in try and node:http', () => {
  it('awaits returned promises inside try of a function that became async', async () => {
    const r = await migrateFiles({
      's.js': [
        "const http = require('node:http');",
        'function handle(req, res) {',
        '  try {',
        "    blockingRead('a');",
        '    return fetch(req.url).then((r) => r.text());',
        '  } catch (e) {',
        '    return null;',
        '  }',
        '}',
        'http.createServer((req, res) => {',
        '  handle(req, res);',
        '}).listen(0);',
        '',
      ].join('\n'),
    });
    expect(r.out['s.js']).toBe(
      [
        "const http = require('node:http');",
        'async function handle(req, res) {',
        '  try {',
        "    await read('a');",
        '    return await fetch(req.url).then((r) => r.text());',
        '  } catch (e) {',
        '    return null;',
        '  }',
        '}',
        'http.createServer(async (req, res) => {',
        '  await handle(req, res);',
        '}).listen(0);',
        '',
      ].join('\n'),
    );
    expect(r.result.plan.entries[0]!.framework).toBe('http');
  });
});

describe('idempotence and no-ops', () => {
  it('changes nothing on its own output', async () => {
    // `read` stands for the async API the stand-in rewrite introduces.
    const header = "const app = require('express')();\nasync function read(p) { return p; }\n";
    const first = await migrateFiles({
      'app.js': header + "function a() { return blockingRead('a'); }\napp.get('/', (req, res) => {\n  [1].forEach((x) => a());\n  res.send(a().length);\n});\n",
    }, { targets: { express: '5' } });
    const output = first.out['app.js']!;
    expect(output).toBe(header + "async function a() { return await read('a'); }\napp.get('/', async (req, res) => {\n  for (const x of [1]) await a();\n  res.send((await a()).length);\n});\n");
    const second = await migrateFiles({ 'app.js': output }, { targets: { express: '5' } });
    expect(second.out['app.js']).toBe(output);
    expect(second.result.findings).toEqual([]);
  });

  it('ignores functions that are not reachable from a handler', async () => {
    const src = "function a() { return blockingRead('a'); }\nfunction b() { return a(); }\nmodule.exports = { b };\n";
    const r = await migrateFiles({ 'lib.js': src });
    expect(r.out['lib.js']).toBe(src);
    expect(r.result.findings).toEqual([]);
  });

  it('does not treat a shadowed app or a same-named method on another object as a route', async () => {
    const src = "const app = { get(path, fn) { return fn; } };\napp.get('/', (req, res) => blockingRead('x'));\n";
    const r = await migrateFiles({ 'o.js': src });
    expect(r.out['o.js']).toBe(src);
  });
});
