import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DependencyIndex, type KeptManifests } from './dependencies.js';

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'awaitify-deps-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

describe('DependencyIndex', () => {
  it('is unknown without any manifest, undeclared when manifests leave the package out', () => {
    const bare = tree({ 'app/views.py': 'import requests\n' });
    expect(new DependencyIndex(bare, () => []).of('httpx', path.join(bare, 'app/views.py'))).toBe('unknown');
    const listed = tree({ 'requirements.txt': 'Django==5.2\nrequests\npytest-httpx==0.35\n', 'app/views.py': '' });
    expect(new DependencyIndex(listed, () => []).of('httpx', path.join(listed, 'app/views.py'))).toBe('undeclared');
  });

  it('reads requirements files, the requirements/ folder, pyproject.toml and lockfiles, with PEP 503 name matching', () => {
    const cases: Record<string, string>[] = [
      { 'requirements-dev.txt': 'httpx>=0.27\n' },
      { 'requirements/base.in': 'HTTPX[http2]\n' },
      { 'pyproject.toml': '[project]\ndependencies = ["django", "httpx ~= 0.28"]\n' },
      { 'uv.lock': '[[package]]\nname = "httpx"\nversion = "0.28.1"\n' },
    ];
    for (const files of cases) {
      const root = tree({ ...files, 'app/views.py': '' });
      expect(new DependencyIndex(root, () => []).of('httpx', path.join(root, 'app/views.py')), Object.keys(files)[0]).toBe('declared');
    }
  });

  it('looks from the module folder up to the root, not into sibling packages', () => {
    const root = tree({
      'requirements.txt': 'Django==5.2\n',
      'libs/core/pyproject.toml': '[project]\ndependencies = ["httpx"]\n',
      'libs/core/src/core/net.py': '',
      'libs/other/pyproject.toml': '[project]\ndependencies = ["requests"]\n',
      'libs/other/src/other/net.py': '',
    });
    const index = new DependencyIndex(root, () => []);
    expect(index.of('httpx', path.join(root, 'libs/core/src/core/net.py'))).toBe('declared');
    expect(index.of('httpx', path.join(root, 'libs/other/src/other/net.py'))).toBe('undeclared');
  });

  it('counts a package the project already imports as declared', () => {
    const root = tree({ 'requirements.txt': 'Django==5.2\n', 'app/views.py': '' });
    expect(new DependencyIndex(root, () => ['import os\nfrom httpx import AsyncClient\n']).of('httpx', path.join(root, 'app/views.py'))).toBe('declared');
    expect(new DependencyIndex(root, () => ['import httpx_auth\n# import httpx\n']).of('httpx', path.join(root, 'app/views.py'))).toBe('undeclared');
  });

  it('with kept manifests, answers as a fresh index after manifests are created, edited, emptied or removed', () => {
    const root = tree({ 'requirements.txt': 'Django==5.2\n', 'app/views.py': '' });
    const views = path.join(root, 'app/views.py');
    const kept: KeptManifests = new Map();
    // Each step's change is dated a second later than the last, so a stamp shows it whatever the file system's mtime resolution.
    let clock = Date.now() / 1000 - 100;
    const touch = (...rels: string[]) => {
      clock += 1;
      for (const rel of rels) utimesSync(path.join(root, rel), clock, clock);
    };
    const steps: [string, () => void][] = [
      ['as it is', () => undefined],
      ['requirements/ folder created', () => (mkdirSync(path.join(root, 'requirements')), writeFileSync(path.join(root, 'requirements/base.in'), 'httpx\n'), touch('requirements/base.in', 'requirements', '.'))],
      ['a folder requirement emptied', () => (writeFileSync(path.join(root, 'requirements/base.in'), ''), touch('requirements/base.in'))],
      ['a top manifest edited', () => (writeFileSync(path.join(root, 'requirements.txt'), 'Django==5.2\nhttpx==0.28\n'), touch('requirements.txt'))],
      ['the top manifest removed', () => (rmSync(path.join(root, 'requirements.txt')), touch('.'))],
      ['a lockfile created in the module folder', () => (writeFileSync(path.join(root, 'app/uv.lock'), '[[package]]\nname = "httpx"\n'), touch('app/uv.lock', 'app'))],
    ];
    const seen: string[] = [];
    for (const [what, change] of steps) {
      change();
      const fresh = new DependencyIndex(root, () => []).of('httpx', views);
      expect(new DependencyIndex(root, () => [], kept).of('httpx', views), what).toBe(fresh);
      seen.push(fresh);
    }
    // The steps do move the answer, so a stale kept text would show.
    expect(seen).toEqual(['undeclared', 'declared', 'undeclared', 'declared', 'undeclared', 'declared']);
  });
});
