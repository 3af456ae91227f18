import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DependencyIndex } from './dependencies.js';

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
});
