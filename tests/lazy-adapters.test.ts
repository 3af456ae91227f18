// The JS/TS adapter (ts-morph, typescript) loads only when a run has JS/TS
// files: a Python run, the rule list and the CLI's start-up do without it.
// Each case runs the built library in a fresh node and lists the CommonJS
// modules it loaded (ts-morph and typescript are CommonJS).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allRules } from '../transforms/index.js';
import { runMigration } from '../transforms/core/pipeline.js';
import { lazyAdapter } from '../transforms/core/lazy-adapter.js';
import { pythonAdapter } from '../transforms/python/adapter.js';
import { typescriptAdapter } from '../transforms/typescript/adapter.js';
import { lazyTypescriptAdapter } from '../transforms/typescript/meta.js';

const repo = path.resolve(import.meta.dirname, '..');
const work = mkdtempSync(path.join(os.tmpdir(), 'awaitify-lazy-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs `body` (an async function body with `api`, the built library) and returns its result and whether ts-morph was loaded. */
function inFreshNode(body: string): { result: unknown; tsMorph: boolean } {
  const script = `
    import { createRequire } from 'node:module';
    const api = await import(${JSON.stringify(path.join(repo, 'dist/transforms/index.js'))});
    const result = await (async () => { ${body} })();
    const loaded = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify({ result, tsMorph: loaded.some((m) => m.includes('/node_modules/ts-morph/') || m.includes('/node_modules/typescript/')) }));
  `;
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: work, encoding: 'utf8' })) as { result: unknown; tsMorph: boolean };
}

function project(name: string, files: Record<string, string>): string {
  const dir = path.join(work, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

describe('lazy language adapters', () => {
  it('lists the same rules as the loaded adapter, without loading ts-morph', () => {
    expect(lazyTypescriptAdapter.rules).toEqual(typescriptAdapter.rules);
    const { result, tsMorph } = inFreshNode('return api.allRules().map((r) => r.id);');
    expect(result).toEqual(allRules().map((r) => r.id));
    expect(tsMorph).toBe(false);
  });

  it('migrates a Python project without loading ts-morph', () => {
    const dir = project('py', {
      'manage.py': '',
      'shop/views.py': 'import time\n\n\ndef index(request):\n    time.sleep(1)\n    return None\n',
    });
    const { result, tsMorph } = inFreshNode(`const r = await api.migrate({ cwd: ${JSON.stringify(dir)} }); return r.files.map((f) => [f.path, f.status]);`);
    expect(result).toEqual([
      ['manage.py', 'unchanged'],
      ['shop/views.py', 'changed'],
    ]);
    expect(tsMorph).toBe(false);
  });

  it('loads the JS/TS adapter when the project has JS files, and migrates them as the loaded adapter does', async () => {
    const dir = project('js', {
      'package.json': '{ "dependencies": { "express": "^5.0.0" } }\n',
      'server.js': "const fs = require('fs');\nconst express = require('express');\nconst app = express();\napp.get('/', (req, res) => {\n  res.send(fs.readFileSync('a.txt', 'utf8'));\n});\n",
    });
    const { result, tsMorph } = inFreshNode(`const r = await api.migrate({ cwd: ${JSON.stringify(dir)} }); return r.files.map((f) => [f.path, f.status, f.output]);`);
    const eager = await runMigration({ cwd: dir, adapters: [typescriptAdapter, pythonAdapter] });
    expect(result).toEqual(eager.files.map((f) => [f.path, f.status, f.output]));
    expect((result as unknown[][]).map((f) => f.slice(0, 2))).toEqual([['server.js', 'changed']]);
    expect(tsMorph).toBe(true);
  });

  it('refuses to render imports before the adapter is loaded', () => {
    expect(() => lazyAdapter({ ...typescriptAdapter }, async () => typescriptAdapter).renderImports('a.js', '', [])).toThrow("the typescript adapter's renderImports was called before its analyze");
  });
});
