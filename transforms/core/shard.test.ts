import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assignRanges, importSpecifiers, memberNameCandidates, memberNamesOf, methodCallNames, namesCalledOutside, parseShard, planShard, pnpmPackages, shardOfPath, type ShardInputFile } from './shard.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-shard-unit-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function tree(name: string, files: Record<string, string>): { root: string; files: ShardInputFile[] } {
  const root = path.join(scratch, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  const sources = Object.keys(files)
    .filter((rel) => /\.(js|ts|py)$/.test(rel))
    .map((rel) => ({ path: rel, absPath: path.join(root, rel), language: rel.endsWith('.py') ? ('python' as const) : ('typescript' as const) }));
  return { root, files: sources };
}

const units = (weights: number[]) => weights.map((weight, i) => ({ first: `p${String(i).padStart(2, '0')}/a.js`, weight }));
const loads = (weights: number[], bounds: string[]) => {
  const out = bounds.map(() => 0);
  units(weights).forEach((u, i) => (out[shardOfPath(u.first, bounds) - 1]! += weights[i]!));
  return out;
};

describe('parseShard', () => {
  it('reads K/N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
  });
  it.each(['0/2', '3/2', '1/0', '2', 'a/b', '-1/2', '1/2/3'])('refuses %s', (text) => {
    expect(() => parseShard(text)).toThrow(`--shard ${text}: expected K/N with 1 <= K <= N`);
  });
});

describe('assignRanges', () => {
  it('cuts contiguous ranges with the smallest largest load', () => {
    const weights = [5, 1, 1, 1, 4, 2, 2, 6];
    expect(loads(weights, assignRanges(units(weights), 1))).toEqual([22]);
    expect(loads(weights, assignRanges(units(weights), 2))).toEqual([12, 10]);
    expect(loads(weights, assignRanges(units(weights), 3))).toEqual([8, 8, 6]);
    expect(loads(weights, assignRanges(units(weights), 4))).toEqual([6, 6, 4, 6]);
  });

  it('leaves no range empty while another holds two units', () => {
    expect(loads([1, 1, 1, 1], assignRanges(units([1, 1, 1, 1]), 3))).toEqual([2, 1, 1]);
    expect(loads([3, 1, 1], assignRanges(units([3, 1, 1]), 3))).toEqual([3, 1, 1]);
  });

  it('leaves the last ranges empty when there are fewer units than shards', () => {
    const bounds = assignRanges(units([2, 3]), 4);
    expect(loads([2, 3], bounds)).toEqual([2, 3, 0, 0]);
    expect(bounds).toEqual(['', 'p01/a.js', '\uffff', '\uffff']);
    expect(shardOfPath('zzz/last.js', bounds)).toBe(2);
  });

  it('gives every path one shard, in path order', () => {
    const bounds = assignRanges(units([1, 1, 1]), 3);
    expect(['a.js', 'p00/a.js', 'p00/z.js', 'p01/a.js', 'p015', 'p02/a.js', 'q.js'].map((p) => shardOfPath(p, bounds))).toEqual([1, 1, 1, 2, 2, 3, 3]);
  });
});

describe('planShard', () => {
  const mono = tree('mono', {
    'package.json': JSON.stringify({ private: true, workspaces: ['packages/*', '!packages/ignored'] }),
    'tsconfig.json': '{ // comments are allowed\n "compilerOptions": { "baseUrl": ".", "paths": { "~cfg/*": ["packages/config/src/*"] }, } }',
    'scripts/build.js': "require('./helper');\n",
    'scripts/helper.js': '',
    'packages/config/package.json': JSON.stringify({ name: '@m/config' }),
    'packages/config/src/index.ts': 'export function readConfig() {}\n',
    'packages/store/package.json': JSON.stringify({ name: '@m/store' }),
    'packages/store/src/index.ts': "import { readConfig } from '~cfg/index';\n",
    'packages/api/package.json': JSON.stringify({ name: '@m/api' }),
    'packages/api/server.js': "const { load } = require('../store/src');\nconst solo = require('solo');\n",
    'packages/api/routes.js': "module.exports = require('./server');\n",
    'packages/solo/package.json': JSON.stringify({ name: 'solo' }),
    'packages/solo/index.js': "const express = require('express');\n",
    'packages/ignored/package.json': JSON.stringify({ name: 'ignored' }),
    'packages/ignored/x.js': '',
    'py/shop/pyproject.toml': '[project]\nname = "shop"\n',
    'py/shop/shop/views.py': 'import time\n',
    'py/lib/setup.cfg': '',
    'py/lib/lib/core.py': '',
  });

  it('finds the packages and joins them by the imports the analysis follows: relative, through tsconfig paths, and by the name of a project package', () => {
    const plan = planShard(mono.root, mono.files, { index: 1, count: 1 });
    expect(plan.packages.map((p) => [p.dir, p.name ?? null, p.files])).toEqual([
      ['packages/api', '@m/api', 2],
      ['packages/config', '@m/config', 1],
      ['', null, 3],
      ['packages/solo', 'solo', 1],
      ['packages/store', '@m/store', 1],
      ['py/lib', null, 1],
      ['py/shop', null, 1],
    ]);
    expect(plan.ownedFiles).toBe(10);
  });

  it('analyses the components of the files a shard owns, and every Python file for a Python one', () => {
    const analysed = [1, 2, 3, 4].map((k) => [...planShard(mono.root, mono.files, { index: k, count: 4 }).analysed].sort());
    const owned = [1, 2, 3, 4].map((k) => {
      const plan = planShard(mono.root, mono.files, { index: k, count: 4 });
      return mono.files.filter((f) => plan.owns(f.path)).map((f) => f.path).sort();
    });
    expect(owned).toEqual([
      ['packages/api/routes.js', 'packages/api/server.js', 'packages/config/src/index.ts'],
      ['packages/ignored/x.js', 'packages/solo/index.js', 'packages/store/src/index.ts'],
      ['py/lib/lib/core.py', 'py/shop/shop/views.py'],
      ['scripts/build.js', 'scripts/helper.js'],
    ]);
    // packages/api requires `solo` by its package name: the analysis resolves it (analysis/packages.ts), so solo joins.
    const component = ['packages/api/routes.js', 'packages/api/server.js', 'packages/config/src/index.ts', 'packages/solo/index.js', 'packages/store/src/index.ts'];
    // packages/ignored is left out of the workspaces: its file is one of the root's, with scripts/.
    const rootFiles = ['packages/ignored/x.js', 'scripts/build.js', 'scripts/helper.js'];
    expect(analysed).toEqual([
      component,
      ['packages/api/routes.js', 'packages/api/server.js', 'packages/config/src/index.ts', 'packages/ignored/x.js', 'packages/solo/index.js', 'packages/store/src/index.ts', 'scripts/build.js', 'scripts/helper.js'],
      ['py/lib/lib/core.py', 'py/shop/shop/views.py'],
      rootFiles,
    ]);
  });

  it('is the same whatever order the files come in', () => {
    const a = planShard(mono.root, mono.files, { index: 2, count: 3 });
    const b = planShard(mono.root, [...mono.files].reverse(), { index: 2, count: 3 });
    expect(b.fingerprint).toBe(a.fingerprint);
    expect([...b.analysed].sort()).toEqual([...a.analysed].sort());
    expect(mono.files.map((f) => b.owns(f.path))).toEqual(mono.files.map((f) => a.owns(f.path)));
  });

  it('joins the files that TypeScript\'s global scope joins: scripts, declare global, ambient modules', () => {
    const t = tree('ambient', {
      'package.json': JSON.stringify({ private: true, workspaces: ['p/*'] }),
      // `declare global` joins the files that mention a name it declares.
      'p/a/package.json': '{}',
      'p/a/a.ts': 'window.store.load();\nexport {};\n',
      'p/b/package.json': '{}',
      'p/b/b.ts': 'declare global {\n  interface Window { store: Store }\n}\nexport class Store {\n  load() {}\n}\n',
      'p/c/package.json': '{}',
      'p/c/c.ts': 'export const c = 1;\n',
      // Scripts share one scope; a file that requires is a CommonJS module.
      'p/d/package.json': '{}',
      'p/d/d.js': 'function helper() {}\n',
      'p/e/package.json': '{}',
      'p/e/e.js': 'helper();\n',
      'p/f/package.json': '{}',
      'p/f/f.js': "const x = require('x');\nhelper(x);\n",
      // An ambient module declared in a script joins the files that import it.
      'p/g/package.json': '{}',
      'p/g/shims.ts': "declare module '*.vue' {\n  const component: unknown;\n  export default component;\n}\n",
      'p/h/package.json': '{}',
      'p/h/h.ts': "import App from './App.vue';\nexport { App };\n",
    });
    const analysed = [1, 2, 3, 4, 5, 6, 7, 8].map((index) => [...planShard(t.root, t.files, { index, count: 8 }).analysed].sort());
    expect(analysed).toEqual([
      ['p/a/a.ts', 'p/b/b.ts'],
      ['p/a/a.ts', 'p/b/b.ts'],
      ['p/c/c.ts'],
      ['p/d/d.js', 'p/e/e.js', 'p/g/shims.ts', 'p/h/h.ts'],
      ['p/d/d.js', 'p/e/e.js', 'p/g/shims.ts', 'p/h/h.ts'],
      ['p/f/f.js'],
      ['p/d/d.js', 'p/e/e.js', 'p/g/shims.ts', 'p/h/h.ts'],
      ['p/d/d.js', 'p/e/e.js', 'p/g/shims.ts', 'p/h/h.ts'],
    ]);
  });

  it('resolves tsconfig paths without a baseUrl from the config file that declares them', () => {
    const t = tree('paths-base', {
      'tsconfig.json': JSON.stringify({ extends: './config/tsconfig.base.json' }),
      'config/tsconfig.base.json': JSON.stringify({ compilerOptions: { paths: { '~lib/*': ['../packages/lib/*'] } } }),
      'packages/app/package.json': JSON.stringify({ name: 'app' }),
      'packages/app/index.ts': "import { read } from '~lib/read';\n",
      'packages/lib/package.json': JSON.stringify({ name: 'lib' }),
      'packages/lib/read.ts': 'export function read() {}\n',
    });
    expect([...planShard(t.root, t.files, { index: 1, count: 2 }).analysed].sort()).toEqual(['packages/app/index.ts', 'packages/lib/read.ts']);
  });

  it('reads pnpm-workspace.yaml', () => {
    expect(pnpmPackages("packages:\n  - 'packages/*'\n  - apps/* # the apps\n  - '!**/test/**'\nother: 1\n")).toEqual(['packages/*', 'apps/*', '!**/test/**']);
    expect(pnpmPackages('packages: ["a/*", \'b\']\n')).toEqual(['a/*', 'b']);
  });
});

describe('import and name scans', () => {
  it('finds the specifiers a file imports', () => {
    const text = [
      "import a from '@s/a';",
      "import { b } from \"./b.js\";",
      "import './side';",
      "export * from '../c';",
      "const d = require('d/sub');",
      'const e = await import(`e`);',
      "/// <reference path=\"./types.d.ts\" />",
      'const f = require(name);',
    ].join('\n');
    expect(importSpecifiers(text).sort()).toEqual(['../c', './b.js', './side', './types.d.ts', '@s/a', 'd/sub', 'e']);
  });

  it('finds the names a function made async is reached under, and their calls elsewhere', () => {
    const texts = new Map([
      ['store.js', 'class Store {\n  load() {}\n}\nmodule.exports = { fetchConfig: readConfig };\napp.reader = readConfig;\n'],
      ['routes.js', "app.get('/items', async (req, res) => {});\nconst api = {\n  handler: async (req) => {},\n};\nexport default function () {}\n"],
    ]);
    const made = [
      { name: 'Store.load', path: 'store.js', line: 2 },
      { name: 'readConfig', path: 'config.js', line: 1 },
      { name: 'GET /items', path: 'routes.js', line: 1 },
      { name: 'POST /x', path: 'routes.js', line: 3 },
      { name: 'default', path: 'routes.js', line: 5 },
    ];
    const names = memberNamesOf(made, texts);
    expect([...names].sort()).toEqual(['default', 'fetchConfig', 'handler', 'load', 'readConfig', 'reader']);
    const calls = new Map([
      ['a.js', methodCallNames('x.loader();\n')],
      ['b.js', methodCallNames('plugin?.load(1);\n')],
    ]);
    expect(namesCalledOutside(names, calls, ['a.js', 'b.js'])).toEqual([{ name: 'load', path: 'b.js' }]);
    expect(namesCalledOutside(new Set(['save']), calls, ['a.js', 'b.js'])).toEqual([]);
  });

  it('leaves out method calls on this, on modules the analysis does not load and on globals', () => {
    const text = [
      "import path, { posix as p } from 'node:path';",
      "import * as vite from 'vite';",
      "import { local } from './local';",
      "const { Router } = require('express');",
      "const cfg = require('~/cfg');",
      'path.resolve(a).trim();',
      'p.join(b);',
      'vite.build.run({});',
      'local.load();',
      'Router().get(x);',
      'cfg.read();',
      'this.cache.save();',
      'JSON.parse(s);',
      'Object.keys(o).find(f);',
      'plugin\n  .init()\n  ?.start();',
      'items[0].open();',
      "if (/^x+$/i.test(name) || 'a,b'.split(',').length || total / counter.test(1)) {}",
    ].join('\n');
    expect([...methodCallNames(text, (spec) => !spec.startsWith('.') && !spec.startsWith('~'))].sort()).toEqual(['find', 'get', 'init', 'load', 'open', 'read', 'start', 'test', 'trim']);
    // A file that declares `process` calls its own.
    expect([...methodCallNames('const process = makeProcess();\nprocess.run();\n')]).toEqual(['run']);
    expect([...methodCallNames('const keys = Object.keys(o);\nfunction f(JSON) {\n  JSON.load();\n}\n')]).toEqual(['load']);
  });

  it('finds the names a text calls as methods and the names it may give a function', () => {
    const text = [
      'class Cache {',
      '  load(key: string): string {',
      '    return this.store.get(key)?.trim<string>(1);',
      '  }',
      '  static async refresh(',
      '    all = true,',
      '  ) {',
      '    try { run(a(b)); } catch (err) { report(err); }',
      '  }',
      '}',
      "const api = { fetchAll: getAll, 'quoted': 1 };",
      'app.reader = readConfig;',
      'if (a === b) x = 1;',
    ].join('\n');
    expect([...methodCallNames(text)].sort()).toEqual(['trim']);
    expect([...memberNameCandidates(text)].sort()).toEqual(['fetchAll', 'load', 'reader', 'refresh']);
  });
});
