// `--api twin` for JS/TS: sync forms kept under their old names, async twins
// beside them, callers that can await pointed at the twins. Exact text.
import { describe, expect, it } from 'vitest';
import { migrateFiles } from './test-helpers.js';

const express = (body: string[]) => ["const express = require('express');", 'const app = express();', ...body, ''].join('\n');

describe('--api twin', () => {
  it('keeps the sync form for a constructor and closes twins downwards', async () => {
    const r = await migrateFiles(
      {
        'lib.js': [
          'function raw(p) {',
          '  return blockingRead(p);',
          '}',
          'function load(p) {',
          '  return raw(p).trim();',
          '}',
          'class Cache {',
          '  constructor() {',
          "    this.value = load('a');",
          '  }',
          '}',
          'module.exports = { load, Cache };',
          '',
        ].join('\n'),
        'app.js': express(["const { load } = require('./lib');", "app.get('/a', (req, res) => res.send(load('a')));"]),
      },
      { api: 'twin', targets: { express: '5' } },
    );
    // `load` keeps its sync form for the constructor, and that sync form still calls the sync `raw`.
    expect(r.out['lib.js']).toBe(
      [
        'function raw(p) {',
        '  return blockingRead(p);',
        '}',
        '',
        'async function rawAsync(p) {',
        '  return await read(p);',
        '}',
        'function load(p) {',
        '  return raw(p).trim();',
        '}',
        '',
        'async function loadAsync(p) {',
        '  return (await rawAsync(p)).trim();',
        '}',
        'class Cache {',
        '  constructor() {',
        "    this.value = load('a');",
        '  }',
        '}',
        'module.exports = { load, loadAsync, Cache };',
        '',
      ].join('\n'),
    );
    // `load` is no longer used in app.js: the import cleanup drops it.
    expect(r.out['app.js']).toBe(express(["const { loadAsync } = require('./lib');", "app.get('/a', async (req, res) => res.send(await loadAsync('a')));"]));
    expect(r.result.plan.asyncFunctions.map((f) => `${f.name}${f.twin ? ' (twin)' : ''}`)).toEqual(['GET /a', 'raw (twin)', 'load (twin)']);
  });

  it('makes a function async without a twin when every caller can await', async () => {
    const r = await migrateFiles({ 'app.js': express(['function load(p) {', '  return blockingRead(p);', '}', "app.get('/a', (req, res) => res.send(load('a')));"]) }, { api: 'twin', targets: { express: '5' } });
    expect(r.out['app.js']).toBe(express(['async function load(p) {', '  return await read(p);', '}', "app.get('/a', async (req, res) => res.send(await load('a')));"]));
  });

  it('points a handler passed by name at its twin, and twins object methods', async () => {
    const r = await migrateFiles(
      {
        'app.js': express([
          'const store = {',
          '  get(k) {',
          '    return blockingRead(k);',
          '  },',
          '};',
          'function show(req, res) {',
          "  res.send(store.get('k'));",
          '}',
          "const warm = store.get('warm');",
          "app.get('/k', show);",
        ]),
      },
      { api: 'twin', targets: { express: '5' } },
    );
    expect(r.out['app.js']).toBe(
      express([
        'const store = {',
        '  get(k) {',
        '    return blockingRead(k);',
        '  },',
        '  async getAsync(k) {',
        '    return await read(k);',
        '  },',
        '};',
        'async function show(req, res) {',
        "  res.send(await store.getAsync('k'));",
        '}',
        "const warm = store.get('warm');",
        "app.get('/k', show);",
      ]),
    );
  });

  it('points a route registered by name at the twin when a sync caller keeps the old one', async () => {
    const r = await migrateFiles(
      { 'app.js': express(['function report(req, res) {', "  res.send(blockingRead('r'));", '}', "app.get('/r', report);", "process.on('exit', () => report({}, { send() {} }));"]) },
      { api: 'twin', targets: { express: '5' } },
    );
    expect(r.out['app.js']).toBe(
      express([
        'function report(req, res) {',
        "  res.send(blockingRead('r'));",
        '}',
        '',
        'async function reportAsync(req, res) {',
        "  res.send(await read('r'));",
        '}',
        "app.get('/r', reportAsync);",
        "process.on('exit', () => report({}, { send() {} }));",
      ]),
    );
  });

  it('keeps a function sync, with the reason, when it cannot have a twin', async () => {
    const r = await migrateFiles(
      { 'app.js': express(['function load(p) {', '  return blockingRead(p);', '}', 'module.exports = load;', "const boot = load('boot');", "app.get('/a', (req, res) => res.send(load('a')));"]) },
      { api: 'twin', targets: { express: '5' } },
    );
    expect(r.result.files[0]!.status).toBe('unchanged');
    expect(r.result.findings.map((f) => f.message).join('\n')).toContain("it cannot keep a sync twin: it is what `module.exports` is");
  });

  describe('barrels', () => {
    const lib = ['function load(p) {', '  return blockingRead(p);', '}', "const boot = load('boot');", 'module.exports = { load };', ''].join('\n');
    const libTwin = ['function load(p) {', '  return blockingRead(p);', '}', '', 'async function loadAsync(p) {', '  return await read(p);', '}', "const boot = load('boot');", 'module.exports = { load, loadAsync };', ''].join('\n');

    it('re-exports the twin through CommonJS barrels, and points callers of the barrels at it', async () => {
      const r = await migrateFiles(
        {
          'lib/load.js': lib,
          'lib/index.js': "module.exports = require('./load');\n",
          'lib/named.js': "exports.fetch = require('./load').load;\nexports.other = 1;\n",
          'app.js': express(["const lib = require('./lib');", "const { fetch } = require('./lib/named');", "app.get('/a', (req, res) => res.send(lib.load('a') + fetch('b')));"]),
        },
        { api: 'twin', targets: { express: '5' } },
      );
      expect(r.out['lib/load.js']).toBe(libTwin);
      // A whole-module re-export needs nothing: the twin is one of the module's exports.
      expect(r.out['lib/index.js']).toBe("module.exports = require('./load');\n");
      expect(r.out['lib/named.js']).toBe("exports.fetch = require('./load').load;\nexports.fetchAsync = require('./load').loadAsync;\nexports.other = 1;\n");
      expect(r.out['app.js']).toBe(
        express(["const lib = require('./lib');", "const { fetchAsync } = require('./lib/named');", "app.get('/a', async (req, res) => res.send((await lib.loadAsync('a')) + (await fetchAsync('b'))));"]),
      );
    });

    it('re-exports the twin beside an aliased ES re-export, through a namespace and a star barrel', async () => {
      const r = await migrateFiles(
        {
          'src/load.ts': ['export function load(p: string): string {', '  return blockingRead(p);', '}', 'export type Loaded = string;', "export const boot = load('boot');", ''].join('\n'),
          'src/api.ts': "export { load as fetch, type Loaded } from './load.js';\nexport type { Loaded as Result } from './load.js';\n",
          'src/index.ts': "export * as api from './api.js';\n",
          'src/server.ts': ["import express from 'express';", "import { api } from './index.js';", 'const app = express();', "app.get('/a', (req, res) => res.send(api.fetch('a')));", ''].join('\n'),
        },
        { api: 'twin', targets: { express: '5' } },
      );
      expect(r.out['src/api.ts']).toBe("export { load as fetch, loadAsync as fetchAsync, type Loaded } from './load.js';\nexport type { Loaded as Result } from './load.js';\n");
      expect(r.out['src/index.ts']).toBe("export * as api from './api.js';\n");
      expect(r.out['src/server.ts']).toBe(["import express from 'express';", "import { api } from './index.js';", 'const app = express();', "app.get('/a', async (req, res) => res.send(await api.fetchAsync('a')));", ''].join('\n'));
    });

    it('keeps the function sync, naming the barrel, when the barrel has the twin name already', async () => {
      const files = {
        'lib/load.js': lib,
        'lib/index.js': "const { load } = require('./load');\nconst loadAsync = async (p) => p;\nmodule.exports = { load, loadAsync };\n",
        'app.js': express(["const { load } = require('./lib');", "app.get('/a', (req, res) => res.send(load('a')));"]),
      };
      const r = await migrateFiles(files, { api: 'twin', targets: { express: '5' } });
      for (const [path, text] of Object.entries(files)) expect(r.out[path]).toBe(text);
      expect(r.result.findings.map((f) => f.message).join('\n')).toContain(
        'it cannot keep a sync twin: the call at app.js:4 cannot be pointed at the twin (lib/index.js re-exports `load` and has its own `loadAsync` already)',
      );
    });

    it('adds the twin to exported objects that hold the function, and keeps it sync for an object it cannot add to', async () => {
      const load = ['export function load(p) {', '  return blockingRead(p);', '}', 'export class Boot {', '  constructor() {', "    this.value = load('boot');", '  }', '}', ''].join('\n');
      const index = "import { load } from './load.mjs';\nexport default { load };\nexport const helpers = { fetch: load };\n";
      const server = (call: string) => ["import express from 'express';", "import lib, { helpers } from './index.mjs';", 'const app = express();', `app.get('/a', ${call});`, ''].join('\n');
      const r = await migrateFiles({ 'load.mjs': load, 'index.mjs': index, 'server.mjs': server("(req, res) => res.send(lib.load('a') + helpers.fetch('b'))") }, { api: 'twin', targets: { express: '5' } });
      expect(r.out['index.mjs']).toBe("import { load, loadAsync } from './load.mjs';\nexport default { load, loadAsync };\nexport const helpers = { fetch: load, fetchAsync: loadAsync };\n");
      expect(r.out['server.mjs']).toBe(server("async (req, res) => res.send((await lib.loadAsync('a')) + (await helpers.fetchAsync('b')))"));
      // An object that is not exported gains no twin: its callers would name a member it lacks.
      const local = { 'load.mjs': load, 'server.mjs': ["import express from 'express';", "import { load } from './load.mjs';", 'const api = { load };', 'const app = express();', "app.get('/a', (req, res) => res.send(api.load('a')));", ''].join('\n') };
      const kept = await migrateFiles(local, { api: 'twin', targets: { express: '5' } });
      expect(kept.out).toEqual(local);
      expect(kept.result.findings.map((f) => f.message).join('\n')).toContain('it cannot keep a sync twin: the call at server.mjs:5 cannot be pointed at the twin');
    });

    it('leaves barrels alone under --api replace', async () => {
      const files = {
        'lib/load.js': ['function load(p) {', '  return blockingRead(p);', '}', 'module.exports = { load };', ''].join('\n'),
        'lib/index.js': "exports.load = require('./load').load;\n",
        'app.js': express(["const { load } = require('./lib');", "app.get('/a', (req, res) => res.send(load('a')));"]),
      };
      const r = await migrateFiles(files, { api: 'replace', targets: { express: '5' } });
      expect(r.out['lib/load.js']).toBe(['async function load(p) {', '  return await read(p);', '}', 'module.exports = { load };', ''].join('\n'));
      expect(r.out['lib/index.js']).toBe(files['lib/index.js']);
      expect(r.out['app.js']).toBe(express(["const { load } = require('./lib');", "app.get('/a', async (req, res) => res.send(await load('a')));"]));
    });
  });
});
