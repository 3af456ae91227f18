import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as nodePath from 'node:path';
import { ts } from 'ts-morph';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace, importedSpecifiers, packageTarget, type Manifest } from './packages.js';

const DIR = '/repo/packages/lib';

/** Where a specifier's subpath leads in a package with this manifest, when the run holds these files (relative to the package). */
function target(manifest: Manifest, sub: string, files: string[]): string | undefined {
  const have = new Set(files.map((f) => nodePath.join(DIR, f)));
  const resolvePath = (abs: string) => {
    for (const candidate of [abs, `${abs}.ts`, `${abs}.js`, nodePath.join(abs, 'index.ts'), nodePath.join(abs, 'index.js')]) {
      if (have.has(candidate)) return nodePath.relative(DIR, candidate);
    }
    return undefined;
  };
  return packageTarget({ dir: DIR, manifest }, sub, resolvePath);
}

describe('package entries', () => {
  it('take "main", else the index file', () => {
    expect(target({ main: 'lib/main.js' }, '', ['lib/main.js', 'index.js'])).toBe('lib/main.js');
    expect(target({}, '', ['index.ts'])).toBe('index.ts');
    expect(target({}, 'util', ['util.js', 'index.js'])).toBe('util.js');
  });

  it('resolve nothing when the built entry is not a run file (no src/ guess)', () => {
    expect(target({ main: 'dist/index.js' }, '', ['src/index.ts'])).toBeUndefined();
    expect(target({ main: 'dist/index.js', types: 'dist/index.d.ts' }, '', ['src/index.ts'])).toBeUndefined();
    expect(target({ exports: { '.': { import: './dist/index.mjs', require: './dist/index.cjs' } } }, '', ['src/index.ts'])).toBeUndefined();
  });

  it('take a declared types source only when no runtime entry is a run file', () => {
    expect(target({ main: 'dist/index.js', types: 'src/index.ts' }, '', ['src/index.ts'])).toBe('src/index.ts');
    expect(target({ exports: { '.': { types: './src/index.ts', default: './dist/index.js' } } }, '', ['src/index.ts'])).toBe('src/index.ts');
    expect(target({ exports: { '.': { types: './src/index.ts', default: './dist/index.js' } } }, '', ['src/index.ts', 'dist/index.js'])).toBe('dist/index.js');
  });

  it('follow "exports" conditions in the map\'s order, and refuse entries that differ by condition', () => {
    expect(target({ exports: './src/index.js' }, '', ['src/index.js'])).toBe('src/index.js');
    expect(target({ exports: { node: './node.js', default: './browser.js' } }, '', ['node.js', 'browser.js'])).toBe('node.js');
    expect(target({ exports: { '.': { browser: './browser.js', default: './main.js' } } }, '', ['browser.js', 'main.js'])).toBe('main.js');
    // A dual package with both builds present: which one runs depends on the importer.
    expect(target({ exports: { import: './esm.js', require: './cjs.js' } }, '', ['esm.js', 'cjs.js'])).toBeUndefined();
    expect(target({ module: 'esm.js', main: 'cjs.js' }, '', ['esm.js', 'cjs.js'])).toBeUndefined();
  });

  it('map subpaths through "exports", patterns included, and nothing else', () => {
    const exports = { '.': './src/index.js', './db/*': './src/db/*.js', './package.json': './package.json' };
    expect(target({ exports }, 'db/users', ['src/index.js', 'src/db/users.js'])).toBe('src/db/users.js');
    expect(target({ exports }, 'src/db/users', ['src/index.js', 'src/db/users.js'])).toBeUndefined();
    expect(target({ exports: { './x': './x.js' } }, '', ['x.js', 'index.js'])).toBeUndefined();
  });
});

describe('Workspace', () => {
  const root = mkdtempSync(nodePath.join(tmpdir(), 'awaitify-workspace-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (rel: string, text: string) => {
    mkdirSync(nodePath.dirname(nodePath.join(root, rel)), { recursive: true });
    writeFileSync(nodePath.join(root, rel), text);
  };
  write('package.json', '{"name":"root","private":true}');
  write('packages/lib/package.json', '{"name":"@acme/lib"}');
  write('packages/a/package.json', '{"name":"same"}');
  write('packages/b/package.json', '{"name":"same"}');
  const files = ['packages/lib/src/index.ts', 'packages/a/index.js', 'packages/b/index.js', 'tools/run.js'].map((f) => nodePath.join(root, f));
  const ws = new Workspace(root, files);

  it('finds each file\'s nearest package and looks packages up by name', () => {
    expect(ws.packageOf(files[0]!)?.dir).toBe(nodePath.join(root, 'packages/lib'));
    expect(ws.packageOf(files[3]!)?.dir).toBe(root);
    expect(ws.lookup('@acme/lib/x/y')).toEqual({ pkg: { dir: nodePath.join(root, 'packages/lib'), manifest: { name: '@acme/lib' } }, sub: 'x/y' });
    expect(ws.lookup('@acme/lib')?.sub).toBe('');
    expect(ws.lookup('express')).toBeUndefined();
  });

  it('names no package for a name two packages share', () => {
    expect(ws.lookup('same')).toBeUndefined();
    expect(ws.names('same/x').map((p) => p.dir)).toEqual([nodePath.join(root, 'packages/a'), nodePath.join(root, 'packages/b')]);
  });
});

describe('importedSpecifiers', () => {
  const specs = (text: string, names: string[]) => importedSpecifiers(text, ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest), (s) => names.some((n) => s === n || s.startsWith(`${n}/`)));

  it('lists bare specifiers of imports, requires and dynamic imports naming a package asked about', () => {
    const text = "import a from '@acme/lib';\nimport './side';\nconst b = require(\"lib/x\");\nexport * from 'z';\nconst c = await import(`dyn`);\nimport e = require('eq');\nconst s = 'z';\n";
    expect(specs(text, ['@acme/lib', 'lib', 'z', 'dyn', 'eq'])).toEqual(['@acme/lib', 'lib/x', 'z', 'dyn', 'eq']);
    expect(specs(text, ['lib'])).toEqual(['lib/x']);
  });

  it('does not count a name in a comment or a string', () => {
    expect(specs("// const x = require('@acme/lib')\nconst s = \"from '@acme/lib'\";\nconst y = require('other');\n", ['@acme/lib'])).toEqual([]);
  });
});
