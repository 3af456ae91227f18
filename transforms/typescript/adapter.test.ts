// Adapter surface: targets from package.json, re-parse errors, and TypeScript
// details of the propagation (overloads, generators).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { typescriptAdapter } from './adapter.js';
import { majorOf, minimumVersionOf } from './targets.js';
import { migrateFiles } from './test-helpers.js';

describe('detectTargets', () => {
  it('reads the Express major, engines.node and the framework', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'awaitify-targets-'));
    try {
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ engines: { node: '>=18.17' }, dependencies: { express: '^4.18.2' } }));
      expect(typescriptAdapter.detectTargets(dir)).toEqual({ express: '4', node: '18.17', framework: 'express' });
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ devDependencies: { express: '~5.1.0' } }));
      expect(typescriptAdapter.detectTargets(dir)).toEqual({ express: '5', framework: 'express' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('returns nothing without a manifest, and no version for tags', () => {
    expect(typescriptAdapter.detectTargets(path.join(os.tmpdir(), 'awaitify-does-not-exist'))).toEqual({});
    expect(majorOf('latest')).toBeUndefined();
    expect(majorOf('*')).toBeUndefined();
    expect(majorOf('npm:express@4.21.0')).toBe('4');
    expect(majorOf('^5.0.0-beta.3')).toBe('5');
  });

  it('takes the lowest Node version engines.node admits, with its minor', () => {
    expect(minimumVersionOf('>=14.18.0')).toBe('14.18');
    expect(minimumVersionOf('^14.17.0 || ^16.13.0 || >=18.0.0')).toBe('14.17');
    expect(minimumVersionOf('>= 0.10')).toBe('0.10');
    expect(minimumVersionOf('>=10 <15')).toBe('10');
    expect(minimumVersionOf('>8.0.0')).toBe('8');
    expect(minimumVersionOf('>=18')).toBe('18');
    expect(minimumVersionOf('<16')).toBeUndefined();
    expect(minimumVersionOf('*')).toBeUndefined();
  });
});

describe('syntaxError', () => {
  it('reports the 1-based line of the first parse error, per dialect', async () => {
    expect(await typescriptAdapter.syntaxError('a.js', 'const a = 1;\nconst b = ;\n')).toMatchObject({ line: 2 });
    expect(await typescriptAdapter.syntaxError('a.ts', 'async function f(): Promise<void> {\n  await g();\n}\n')).toBeUndefined();
    expect(await typescriptAdapter.syntaxError('a.tsx', 'const x = <div>{await f()}</div>;\n')).toBeUndefined();
    expect(await typescriptAdapter.syntaxError('a.ts', 'function f() {\n  return (await g();\n}\n')).toMatchObject({ line: 2 });
  });
});

describe('TypeScript details', () => {
  it('turns overload signatures into promises with their implementation', async () => {
    const r = await migrateFiles({
      'o.ts': [
        "import express from 'express';",
        'function load(id: string): string;',
        'function load(id: number): string;',
        'function load(id: unknown): string {',
        '  return blockingRead(String(id));',
        '}',
        "express().get('/', (req, res) => { res.send(load(1)); });",
        '',
      ].join('\n'),
    }, { targets: { express: '5' } });
    expect(r.out['o.ts']).toBe(
      [
        "import express from 'express';",
        'function load(id: string): Promise<string>;',
        'function load(id: number): Promise<string>;',
        'async function load(id: unknown): Promise<string> {',
        '  return await read(String(id));',
        '}',
        "express().get('/', async (req, res) => { res.send(await load(1)); });",
        '',
      ].join('\n'),
    );
  });

  it('never awaits a call of an async generator', async () => {
    const src = [
      "import express from 'express';",
      'async function* rows() {',
      '  yield 1;',
      '}',
      'function first() {',
      '  rows();',
      "  return blockingRead('x');",
      '}',
      "express().get('/', (req, res) => { res.send(first()); });",
      '',
    ].join('\n');
    const r = await migrateFiles({ 'g.ts': src }, { targets: { express: '5' } });
    expect(r.out['g.ts']).toContain('async function first() {\n  rows();\n  return await read');
  });

  it('skips declaration files and reports files that do not parse', async () => {
    const r = await migrateFiles({ 'types.d.ts': 'declare function f(): void;\n', 'bad.js': 'function (\n' });
    expect(r.result.files.find((f) => f.path === 'bad.js')).toMatchObject({ status: 'failed', line: 1 });
    expect(r.result.files.filter((f) => f.status === 'failed').map((f) => f.path)).toEqual(['bad.js']);
  });
});
