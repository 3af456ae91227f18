// The npm package as a user gets it: `npm pack` on a copy of the checkout
// (its prepare script builds dist/), the tarball installed into a scratch project
// from the registry like any dependency, then the CLI under both bin names,
// the library API and the jscodeshift entry run from there. The same run in
// the checkout gives the expected output, so nothing here is hard-coded.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRules } from '../transforms/index.js';

const repo = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { name: string; version: string };
const work = mkdtempSync(path.join(os.tmpdir(), 'awaitify-package-'));
const checkout = path.join(work, 'checkout');
const scratch = path.join(work, 'scratch');
afterAll(() => rmSync(work, { recursive: true, force: true }));

let tarball = '';
let packed: string[] = [];

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
}


/** A small project of each ecosystem for the installed CLI to migrate. */
function writeProjects(dir: string): void {
  mkdirSync(path.join(dir, 'web'), { recursive: true });
  writeFileSync(
    path.join(dir, 'web/server.js'),
    [
      "const express = require('express');",
      "const fs = require('fs');",
      'const app = express();',
      "app.get('/notes', (req, res) => {",
      "  res.send(fs.readFileSync('notes.txt', 'utf8'));",
      '});',
      'module.exports = app;',
      '',
    ].join('\n'),
  );
  writeFileSync(path.join(dir, 'web/package.json'), JSON.stringify({ name: 'web', private: true, dependencies: { express: '^4.21.0' } }, null, 2) + '\n');
  mkdirSync(path.join(dir, 'site/shop'), { recursive: true });
  writeFileSync(path.join(dir, 'site/manage.py'), 'import os\n');
  writeFileSync(path.join(dir, 'site/requirements.txt'), 'Django==5.2\n');
  writeFileSync(path.join(dir, 'site/shop/__init__.py'), '');
  writeFileSync(
    path.join(dir, 'site/shop/views.py'),
    [
      'import time',
      '',
      'from django.http import JsonResponse',
      '',
      '',
      'def pause(request):',
      '    time.sleep(1)',
      '    return JsonResponse({"ok": True})',
      '',
    ].join('\n'),
  );
}

beforeAll(() => {
  // The committed files and the new ones a developer has not committed yet,
  // the way a fresh clone would have them, without dist/ or node_modules.
  const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], repo)
    .split('\0')
    .filter((f) => f && existsSync(path.join(repo, f)));
  for (const f of files) {
    if (f === 'node_modules' || f.startsWith('.venv')) continue;
    mkdirSync(path.dirname(path.join(checkout, f)), { recursive: true });
    cpSync(path.join(repo, f), path.join(checkout, f), { dereference: false });
  }
  symlinkSync(path.join(repo, 'node_modules'), path.join(checkout, 'node_modules'), 'dir');
  const report = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], checkout)) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, report[0].filename);
  packed = report[0].files.map((f) => f.path).sort();

  mkdirSync(scratch);
  writeFileSync(path.join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true }, null, 2) + '\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], scratch);
  writeProjects(scratch);
});

describe('npm package', () => {
  it('is named as published and ships only the build, docs, README and LICENSE', () => {
    expect(path.basename(tarball)).toBe(`${pkg.name}-${pkg.version}.tgz`);
    const outside = packed.filter((f) => !/^(dist\/(cli|transforms|grammars)\/|docs\/|README\.md$|LICENSE$|package\.json$)/.test(f));
    expect(outside).toEqual([]);
    for (const needed of ['dist/cli/awaitify.js', 'dist/transforms/index.js', 'dist/transforms/index.d.ts', 'dist/grammars/tree-sitter-python.wasm', 'dist/transforms/jscodeshift/awaitify.cjs', 'LICENSE', 'README.md']) {
      expect(packed).toContain(needed);
    }
    expect(packed.filter((f) => f.endsWith('.map') || /\.test\./.test(f))).toEqual([]);
  });

  it('installs without tree-sitter-python (no native build): the grammar comes from the package', () => {
    expect(existsSync(path.join(scratch, 'node_modules', pkg.name, 'dist/grammars/tree-sitter-python.wasm'))).toBe(true);
    expect(existsSync(path.join(scratch, 'node_modules/tree-sitter-python'))).toBe(false);
  });

  it('runs under both bin names and prints its version', () => {
    for (const bin of ['awaitify', 'awaitify-codemod']) {
      expect(run(path.join(scratch, 'node_modules/.bin', bin), ['--version'], scratch).trim()).toBe(pkg.version);
    }
  });

  it('migrates a Node and a Django project exactly as the checkout does', () => {
    const here = path.join(work, 'here');
    mkdirSync(here);
    writeProjects(here);
    const checkoutCli = path.join(checkout, 'dist/cli/awaitify.js');
    for (const project of ['web', 'site']) {
      const installed = run(path.join(scratch, 'node_modules/.bin/awaitify-codemod'), ['migrate', '.', '--quiet'], path.join(scratch, project));
      const expected = run(process.execPath, [checkoutCli, 'migrate', '.', '--quiet'], path.join(here, project));
      expect(installed).toBe(expected);
      expect(installed).toMatch(/^\+\+\+ b\/(server\.js|shop\/views\.py)$/m);
    }
  });

  it('exports the library API and the jscodeshift transform', () => {
    const script = [
      `import { allRules, migrate } from '${pkg.name}';`,
      `import { createRequire } from 'node:module';`,
      `const require = createRequire(import.meta.url);`,
      `const transform = require('${pkg.name}/jscodeshift');`,
      `const result = await migrate({ paths: ['.'], cwd: process.cwd() + '/site' });`,
      `console.log(JSON.stringify({ rules: allRules().length, jscodeshift: typeof transform, changed: result.files.filter((f) => f.status === 'changed').map((f) => f.path) }));`,
    ].join('\n');
    writeFileSync(path.join(scratch, 'api.mjs'), script);
    const out = JSON.parse(run(process.execPath, ['api.mjs'], scratch)) as { rules: number; jscodeshift: string; changed: string[] };
    expect(out).toEqual({ rules: allRules().length, jscodeshift: 'function', changed: ['shop/views.py'] });
  });
});
