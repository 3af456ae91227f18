import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from './errors.js';
import { findProjectRoot } from './scope.js';

function tree(files: string[], git = false): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'awaitify-scope-'));
  for (const rel of files) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), '');
  }
  if (git) execFileSync('git', ['init', '-q'], { cwd: dir });
  return dir;
}

describe('findProjectRoot', () => {
  it('takes the nearest directory above the first path that holds a project marker', () => {
    const dir = tree(['web/package.json', 'web/src/app.js', 'web/test/app.test.js'], true);
    expect(findProjectRoot(['web/src'], dir)).toBe(path.join(dir, 'web'));
    expect(findProjectRoot(['web/src/app.js'], dir)).toBe(path.join(dir, 'web'));
    expect(findProjectRoot(['web/src/**/*.js'], dir)).toBe(path.join(dir, 'web'));
    expect(findProjectRoot(['app.js'], path.join(dir, 'web/src'))).toBe(path.join(dir, 'web'));
  });

  it('knows Django projects by manage.py, pyproject.toml, setup.cfg or a settings module', () => {
    for (const marker of ['manage.py', 'pyproject.toml', 'setup.cfg', 'mysite/settings.py', 'conf/settings/__init__.py']) {
      const dir = tree([`proj/${marker}`, 'proj/shop/views.py', 'proj/shop/models.py'], true);
      expect(findProjectRoot(['proj/shop/views.py'], dir), marker).toBe(path.join(dir, 'proj'));
    }
  });

  it('falls back to the git work tree top, and never looks above it', () => {
    const outer = tree(['package.json']);
    const top = path.join(outer, 'repo');
    mkdirSync(path.join(top, 'src'), { recursive: true });
    writeFileSync(path.join(top, 'src/app.js'), '');
    execFileSync('git', ['init', '-q'], { cwd: top });
    expect(findProjectRoot(['src/app.js'], top)).toBe(top);
    expect(findProjectRoot(['.'], path.join(top, 'src'))).toBe(top);
  });

  it('outside git, looks no higher than the current directory', () => {
    const outer = tree(['package.json', 'proj/src/app.js']);
    const cwd = path.join(outer, 'proj');
    expect(findProjectRoot(['src'], cwd)).toBe(cwd);
    expect(findProjectRoot(['src'], outer)).toBe(outer);
  });

  it('takes --root as given, relative to the current directory, and refuses one that is not a directory', () => {
    const dir = tree(['package.json', 'lib/a.js'], true);
    expect(findProjectRoot(['lib/a.js'], dir, 'lib')).toBe(path.join(dir, 'lib'));
    expect(() => findProjectRoot(['lib'], dir, 'nope')).toThrow(UsageError);
    expect(() => findProjectRoot(['lib'], dir, 'lib/a.js')).toThrow(/--root lib\/a\.js: not a directory/);
  });
});
