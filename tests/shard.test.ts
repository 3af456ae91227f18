// `--shard K/N` on a generated monorepo: JS/TS workspace packages that import
// each other (through tsconfig paths, by package name and by relative path),
// packages on their own, files outside any package, and a Python part. For
// N = 1..4 the N shards' diffs, concatenated in shard order, are the single
// run's diff byte for byte, and their files and findings together are the
// single run's.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, type MigrateResult } from '../transforms/index.js';
import { encodeDiff } from '../transforms/core/report/index.js';

const repo = path.resolve(import.meta.dirname, '..');
const cli = path.join(repo, 'dist/cli/awaitify.js');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-shard-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes a monorepo of `copies` groups of packages (each group: config ← store ← api, with a public lib), plus packages on their own. */
export function generateMonorepo(dir: string, copies: number): void {
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'gen-mono', private: true, workspaces: ['packages/*'] }, null, 2),
    'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true, strict: true, module: 'commonjs', baseUrl: '.', paths: { '@gen/*': ['packages/*/src/index.ts'] } } }, null, 2),
    'scripts/seed.js': "const fs = require('fs');\n\nconst seed = fs.readFileSync('seed.json', 'utf8');\nfs.writeFileSync('data.json', seed);\n",
    // A plugin runner: `plugin.load()` on a value nothing resolves may reach any method named load.
    'packages/plugins/package.json': JSON.stringify({ name: '@gen/plugins', private: true }),
    'packages/plugins/index.js': 'function runPlugin(plugin) {\n  return plugin.load();\n}\n\nmodule.exports = { runPlugin };\n',
    // An app of its own whose cache has a `load` method.
    'packages/worker/package.json': JSON.stringify({ name: '@gen/worker', private: true, dependencies: { express: '^4.18.0' } }),
    'packages/worker/server.js': [
      "const express = require('express');",
      "const { Cache } = require('./cache');",
      '',
      'const app = express();',
      'const cache = new Cache();',
      '',
      "app.get('/cached', (req, res) => {",
      '  res.send(cache.load());',
      '});',
      '',
      'module.exports = app;',
      '',
    ].join('\n'),
    'packages/worker/cache.js': [
      "const fs = require('fs');",
      '',
      'class Cache {',
      '  load() {',
      "    return fs.readFileSync('cache.txt', 'utf8');",
      '  }',
      '}',
      '',
      'module.exports = { Cache };',
      '',
    ].join('\n'),
    // An app that requires a workspace package by its name: Node finds it through the
    // node_modules link the package manager makes, which the analysis does not read.
    'packages/legacy/package.json': JSON.stringify({ name: '@gen/legacy', private: true, dependencies: { '@gen/shared': '*', express: '^4.18.0' } }),
    'packages/legacy/app.js': [
      "const express = require('express');",
      "const { readShared } = require('@gen/shared');",
      '',
      'const app = express();',
      '',
      "app.get('/shared', (req, res) => {",
      "  res.send(readShared('shared.txt'));",
      '});',
      '',
      'module.exports = app;',
      '',
    ].join('\n'),
    'packages/shared/package.json': JSON.stringify({ name: '@gen/shared', private: true, main: 'index.js' }),
    'packages/shared/index.js': "const fs = require('fs');\n\nfunction readShared(name) {\n  return fs.readFileSync(name, 'utf8');\n}\n\nmodule.exports = { readShared };\n",
    // A Django project and a library, one Python component.
    'py/shop/pyproject.toml': '[project]\nname = "shop"\nversion = "1"\ndependencies = ["django==5.2", "acme-net"]\n',
    'py/shop/shop/__init__.py': '',
    'py/shop/shop/views.py': 'import time\n\nfrom django.http import JsonResponse\n\n\ndef ping(request):\n    time.sleep(0.1)\n    return JsonResponse({"ok": True})\n',
    'py/shop/shop/urls.py': 'from django.urls import path\n\nfrom . import views\n\nurlpatterns = [path("ping/", views.ping)]\n',
    'py/acme_net/setup.cfg': '[metadata]\nname = acme-net\n',
    'py/acme_net/acme_net/__init__.py': '',
    'py/acme_net/acme_net/retry.py': 'import time\n\n\ndef backoff(n):\n    time.sleep(n)\n    return n\n',
  };
  for (let i = 0; i < copies; i++) {
    const g = `g${i}`;
    files[`packages/${g}-config/package.json`] = JSON.stringify({ name: `@gen/${g}-config`, private: true });
    files[`packages/${g}-config/src/index.ts`] = [
      "import { readFileSync } from 'fs';",
      '',
      'export function readConfig(name: string): { path: string } {',
      "  return JSON.parse(readFileSync(name, 'utf8'));",
      '}',
      '',
    ].join('\n');
    files[`packages/${g}-store/package.json`] = JSON.stringify({ name: `@gen/${g}-store`, private: true, dependencies: { [`@gen/${g}-config`]: '*' } });
    files[`packages/${g}-store/src/index.ts`] = [
      "import { readFileSync } from 'fs';",
      `import { readConfig } from '@gen/${g}-config';`,
      '',
      'export function loadItems(): string[] {',
      "  const config = readConfig('store.json');",
      "  return readFileSync(config.path, 'utf8').split('\\n');",
      '}',
      '',
    ].join('\n');
    files[`packages/${g}-util/package.json`] = JSON.stringify({ name: `@gen/${g}-util`, version: '1.0.0', main: 'index.js' });
    files[`packages/${g}-util/index.js`] = "const fs = require('fs');\n\nfunction readJson(file) {\n  return JSON.parse(fs.readFileSync(file, 'utf8'));\n}\n\nmodule.exports = { readJson };\n";
    files[`packages/${g}-api/package.json`] = JSON.stringify({ name: `@gen/${g}-api`, private: true, dependencies: { express: '^4.18.0' } });
    files[`packages/${g}-api/src/index.ts`] = [
      "import express from 'express';",
      `import { loadItems } from '@gen/${g}-store';`,
      `import { readConfig } from '@gen/${g}-config';`,
      "import { count } from './count';",
      '',
      'export const app = express();',
      '',
      "app.get('/items', (req, res) => {",
      '  res.json(loadItems());',
      '});',
      '',
      "app.get('/config', (req, res) => {",
      "  res.json({ config: readConfig('api.json'), n: count() });",
      '});',
      '',
    ].join('\n');
    files[`packages/${g}-api/src/count.ts`] = "import { readdirSync } from 'fs';\n\nexport function count(): number {\n  return readdirSync('.').length;\n}\n";
    files[`packages/${g}-api/src/util.ts`] = `// Requires another package's file by its path.\nconst { readJson } = require('../../${g}-util/index.js');\n\nexport function settings(): unknown {\n  return readJson('settings.json');\n}\n`;
  }
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
}

const mono = path.join(scratch, 'mono');
generateMonorepo(mono, 3);

async function run(options: { entry?: string; safety?: 'safe' | 'review'; shard?: { index: number; count: number; findings?: boolean } }): Promise<MigrateResult> {
  return migrate({ paths: ['.'], cwd: mono, root: mono, ...options });
}

/** What the JSON report says of each file and finding, without the unit ids (numbered per run). */
function merged(results: MigrateResult[]) {
  return {
    files: results.flatMap((r) => r.files.map((f) => ({ path: f.path, status: f.status, reason: f.reason ?? null, output: f.output ?? null }))),
    findings: results.flatMap((r) => r.findings.map((f) => ({ rule: f.rule, path: f.path, line: f.line, column: f.column, safety: f.safety, message: f.message, applied: f.applied ?? false }))),
  };
}

describe('--shard on a generated monorepo', () => {
  for (const entry of ['handlers', 'all']) {
    it(`concatenated shard diffs equal the single run for N = 1..4 (--entry ${entry})`, async () => {
      const single = await run({ entry });
      const diff = encodeDiff(single.files);
      expect(single.files.filter((f) => f.status === 'changed').length).toBeGreaterThan(entry === 'all' ? 12 : 8);
      const analysed: number[][] = [];
      for (let count = 1; count <= 4; count++) {
        const shards: MigrateResult[] = [];
        for (let index = 1; index <= count; index++) shards.push(await run({ entry, shard: { index, count } }));
        expect(Buffer.concat(shards.map((s) => encodeDiff(s.files))).equals(diff), `N=${count}`).toBe(true);
        expect(merged(shards)).toEqual(merged([single]));
        expect(shards.map((s) => s.shard!.ownedFiles).reduce((a, b) => a + b, 0)).toBe(single.files.length);
        expect(new Set(shards.map((s) => s.shard!.fingerprint)).size).toBe(1);
        analysed.push(shards.map((s) => s.shard!.analysedFiles));
      }
      // How many files each shard analysed, of 29: its packages' components (and those that may define
      // a method its files call by name). Shard 3/3 owns packages/worker, whose `load` is called by
      // name in packages/plugins, which it does not own: it analyses that package too (the test below).
      // packages/legacy requires @gen/shared by its package name, which joins the two.
      expect(analysed).toEqual([[29], [18, 17], [12, 17, 11], [12, 12, 11, 6]]);
    });
  }

  for (const safety of ['review', 'safe'] as const) {
    it(`asked for the changes only, the concatenated diffs equal the single run, with less analysed (--safety ${safety})`, async () => {
      for (const entry of ['handlers', 'all']) {
        const diff = encodeDiff((await run({ entry, safety })).files);
        const analysed: number[] = [];
        const diffs: Buffer[] = [];
        for (let index = 1; index <= 4; index++) {
          const part = await run({ entry, safety, shard: { index, count: 4, findings: false } });
          analysed.push(part.shard!.analysedFiles);
          diffs.push(encodeDiff(part.files));
        }
        expect(Buffer.concat(diffs).equals(diff), `--entry ${entry}`).toBe(true);
        expect(analysed, `--entry ${entry}`).toEqual([12, 12, 11, 6]);
      }
    });
  }

  it('analyses the packages of a call by name on an unresolved value that may reach a function it makes async', async () => {
    // Every shard that owns packages/worker (whose Cache.load becomes async) but not packages/plugins (which calls `plugin.load()`).
    const widened: MigrateResult[] = [];
    for (let count = 2; count <= 4; count++) {
      for (let index = 1; index <= count; index++) {
        const r = await run({ shard: { index, count } });
        if (r.shard!.packages.includes('packages/worker') && !r.shard!.packages.includes('packages/plugins')) widened.push(r);
      }
    }
    expect(widened.length).toBeGreaterThan(0);
    for (const r of widened) {
      expect(r.shard!.widened).toEqual(['`.load(` is called in packages/plugins/index.js on a value awaitify cannot resolve, and may reach a function this shard makes async']);
      expect(r.notes.at(-1)).toMatch(/; \d+ files analysed, its packages' and those where `\.load\(` is called in packages\/plugins\/index\.js on a value awaitify cannot resolve, and may reach a function this shard makes async$/);
    }
  });
});

describe('--shard on the command line', () => {
  const cliRun = (...args: string[]) => spawnSync(process.execPath, [cli, 'migrate', '.', ...args], { cwd: mono, encoding: 'utf8', timeout: 120_000 });

  it.each(['0/2', '3/2', 'x'])('refuses --shard %s (exit 2)', (value) => {
    const r = cliRun('--shard', value);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`awaitify: --shard ${value}: expected K/N with 1 <= K <= N (the K-th of N machines), e.g. --shard 2/4\nrun 'awaitify --help' for usage\n`);
  });

  it('prints the shard diff and says what it analysed', () => {
    const r = cliRun('--shard', '1/3', '--no-progress');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^diff --git a\/packages\/g0-api\/src\/count.ts b\/packages\/g0-api\/src\/count.ts\n/);
    expect(r.stderr.split('\n')[0]).toMatch(/^awaitify: note: shard 1\/3 \(partition [0-9a-f]{12}\): 10 of 29 files \(packages\/g0-api, packages\/g0-config, packages\/g0-store, packages\/g0-util, packages\/g1-api, packages\/g1-config\); 12 files analysed$/);
  });
});
