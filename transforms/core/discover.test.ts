import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles } from './discover.js';
import { UsageError } from './errors.js';

const exts = new Set(['.js', '.ts', '.py']);

function tree(files: string[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'awaitify-discover-'));
  for (const rel of files) {
    const [name, content = ''] = rel.split('=');
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

describe('discoverFiles', () => {
  it('walks directories, picks languages by extension and skips vendored, generated and declaration files', () => {
    const dir = tree(['a.js', 'b.ts', 'c.py', 'd.md', 'types.d.ts', 'lib.min.js', 'vendor/x.js', 'node_modules/y/index.js', '.venv/lib/z.py', 'src/__pycache__/q.py']);
    expect(discoverFiles(['.'], dir, exts).map((f) => f.path)).toEqual(['a.js', 'b.ts', 'c.py']);
  });

  it('honours nested .gitignore files and those above the walked directory inside the work tree', () => {
    const dir = tree(['.gitignore=*.gen.ts\n', 'src/.gitignore=secret/\n', 'src/a.ts', 'src/b.gen.ts', 'src/secret/c.ts', 'src/keep/d.ts']);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    expect(discoverFiles(['src'], dir, exts).map((f) => f.path)).toEqual(['src/a.ts', 'src/keep/d.ts']);
  });

  it('expands globs and takes an explicitly named file', () => {
    const dir = tree(['src/a.ts', 'src/b.js', 'test/c.ts']);
    expect(discoverFiles(['src/**/*.ts', 'test/c.ts'], dir, exts).map((f) => f.path)).toEqual(['src/a.ts', 'test/c.ts']);
  });

  it('names a missing path, an empty glob and an unknown file type as usage errors', () => {
    const dir = tree(['a.ts', 'notes.txt']);
    expect(() => discoverFiles(['missing'], dir, exts)).toThrow(UsageError);
    expect(() => discoverFiles(['missing'], dir, exts)).toThrow(/missing: no such file or directory/);
    expect(() => discoverFiles(['**/*.rb'], dir, exts)).toThrow(/matches no files/);
    expect(() => discoverFiles(['notes.txt'], dir, exts)).toThrow(/not a file awaitify can migrate/);
  });
});
