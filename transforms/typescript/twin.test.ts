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
    expect(r.out['app.js']).toBe(express(["const { load, loadAsync } = require('./lib');", "app.get('/a', async (req, res) => res.send(await loadAsync('a')));"]));
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
});
