import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover, discoverFiles, type Discovery } from './discover.js';
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

describe('discover: staying inside the root', () => {
  function scene(): { root: string; outside: string } {
    const base = mkdtempSync(path.join(os.tmpdir(), 'awaitify-inside-'));
    const root = path.join(base, 'root');
    const outside = path.join(base, 'outside');
    for (const rel of ['src/app.js', 'src/sub/real.js', 'src/ignored/x.js']) {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), 'module.exports = 1;\n');
    }
    writeFileSync(path.join(root, '.gitignore'), 'ignored/\n');
    execFileSync('git', ['init', '-q'], { cwd: root });
    mkdirSync(outside);
    writeFileSync(path.join(outside, 'ext.js'), 'module.exports = 2;\n');
    symlinkSync(outside, path.join(root, 'src', 'outlink'));
    symlinkSync(path.join(outside, 'ext.js'), path.join(root, 'src', 'extfile.js'));
    symlinkSync('sub', path.join(root, 'src', 'sublink'));
    symlinkSync('sub/real.js', path.join(root, 'src', 'alias.js'));
    return { root, outside };
  }
  const summary = (d: Discovery) => ({ files: d.files.map((f) => f.path), skipped: d.skipped.map((s) => `${s.path}: ${s.reason.replace(/\/\S+/g, '<abs>')}`) });

  it('walks a directory: links inside the root are read as their targets, once; links out of it are skipped with the reason', () => {
    const { root } = scene();
    const d = discover(['.'], root, exts, { root });
    expect(summary(d)).toEqual({
      files: ['src/app.js', 'src/sub/real.js'],
      skipped: [
        'src/extfile.js: a symlink to <abs> outside the project root <abs> awaitify never reads or writes outside it',
        'src/outlink: a symlink to the directory <abs> outside the project root <abs> not followed',
      ],
    });
    expect(d.files.every((f) => f.absPath === realpathSync(f.absPath) && f.absPath.startsWith(realpathSync(root)))).toBe(true);
  });

  it('dedupes a file named through a symlinked parent, a symlink and its own path', () => {
    const { root } = scene();
    const d = discover(['src/sublink/real.js', 'src/alias.js', 'src/sub/real.js', 'src/sublink'], root, exts, { root });
    expect(summary(d)).toEqual({ files: ['src/sub/real.js'], skipped: [] });
  });

  it('matches globs by walking: .gitignore honoured, directory links not followed, links out of the root skipped', () => {
    const { root } = scene();
    expect(summary(discover(['src/**/*.js'], root, exts, { root }))).toEqual({
      files: ['src/app.js', 'src/sub/real.js'],
      skipped: [
        'src/extfile.js: a symlink to <abs> outside the project root <abs> awaitify never reads or writes outside it',
        'src/outlink: a symlink to the directory <abs> outside the project root <abs> not followed',
      ],
    });
    expect(summary(discover(['src/{sub,ignored}/*.js'], root, exts, { root }))).toEqual({ files: ['src/sub/real.js'], skipped: [] });
  });

  it('refuses a named path outside the root (a usage error), unlike a link inside it that points out', () => {
    const { root, outside } = scene();
    expect(() => discover([path.join(outside, 'ext.js')], root, exts, { root })).toThrow(/outside the project root/);
    expect(summary(discover(['src/extfile.js'], root, exts, { root })).skipped).toHaveLength(1);
  });

  it('skips a FIFO and a directory a glob matches as x.js with the reason, without opening either', () => {
    const dir = tree(['src/a.js', 'src/dir.js/inner.js']);
    execFileSync('mkfifo', [path.join(dir, 'src', 'pipe.js')]);
    const started = Date.now();
    const d = discover(['src/**/*.js'], dir, exts, { root: dir });
    expect(summary(d)).toEqual({
      files: ['src/a.js', 'src/dir.js/inner.js'],
      skipped: [
        'src/dir.js: a directory, not a file (its name ends in .js): its files are matched on their own',
        'src/pipe.js: a FIFO (named pipe), not a regular file: awaitify never opens it',
      ],
    });
    expect(summary(discover(['.'], dir, exts, { root: dir })).skipped).toEqual(['src/pipe.js: a FIFO (named pipe), not a regular file: awaitify never opens it']);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('skips scripts in the templates folder of a Django app or project with the reason, and keeps other templates folders', () => {
    const dir = tree(['stats/__init__.py', 'stats/templates/stats/tracker.js', 'site/manage.py', 'site/templates/base.js', 'web/templates/page.js', 'stats/helpers.js']);
    const d = discover(['.'], dir, exts, { root: dir });
    expect({ files: d.files.map((f) => f.path), skipped: d.skipped.map((s) => `${s.path}: ${s.reason}`) }).toEqual({
      files: ['site/manage.py', 'stats/__init__.py', 'stats/helpers.js', 'web/templates/page.js'],
      skipped: [
        'site/templates/base.js: under site/templates/, the templates folder of a Django app (site/ holds manage.py): a template Django renders (it may hold {{ }} and {% %}), not a module',
        'stats/templates/stats/tracker.js: under stats/templates/, the templates folder of a Django app (stats/ holds __init__.py): a template Django renders (it may hold {{ }} and {% %}), not a module',
      ],
    });
  });

  it('skips minified files by name with the reason, and leaves declaration files out silently', () => {
    const dir = tree(['a.js', 'lib.min.js', 'app.bundle.js', 'types.d.ts']);
    expect(summary(discover(['.'], dir, exts, { root: dir }))).toEqual({
      files: ['a.js'],
      skipped: [
        'app.bundle.js: minified or bundled (by its name, app.bundle.js): not rewritten; migrate its source instead',
        'lib.min.js: minified or bundled (by its name, lib.min.js): not rewritten; migrate its source instead',
      ],
    });
  });
});
