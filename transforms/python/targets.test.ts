import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPythonTargets, lowestAllowed } from './targets.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'awaitify-targets-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('lowestAllowed', () => {
  it.each([
    ['==5.2.1', '5.2'],
    ['>=4.2,<5', '4.2'],
    ['~=4.1', '4.1'],
    ['<5,>=4.0', '4.0'],
    ['^3.2', '3.2'],
    ['>=3.8', '3.8'],
  ])('%s → %s', (spec, low) => expect(lowestAllowed(spec)).toBe(low));
});

describe('detectPythonTargets', () => {
  it('reads Django ranges from requirements files and takes the lowest', () => {
    const dir = project({ 'requirements.txt': 'requests==2.0\nDjango>=5.0\n', 'requirements-dev.txt': 'django>=4.2,<6\n' });
    expect(detectPythonTargets(dir).django).toBe('4.2');
  });

  it('reads the files of a requirements/ folder that requirements.txt includes', () => {
    const dir = project({ 'requirements.txt': '-r requirements/base.txt\n', 'requirements/base.txt': 'Django==5.1.4\n', 'requirements/local.txt': '-r base.txt\npytest==8.4.2\n' });
    expect(detectPythonTargets(dir).django).toBe('5.1');
  });

  it('prefers an exact pin in a requirements file over ranges elsewhere', () => {
    const dir = project({ 'requirements.txt': 'Django==5.1.4 --hash=sha256:abc\n', 'pyproject.toml': '[project]\ndependencies = ["Django>=4.2"]\n', Pipfile: '[packages]\ndjango = "~=4.2"\n' });
    expect(detectPythonTargets(dir).django).toBe('5.1');
    // `==4.2.*` is a range, not a pin.
    expect(detectPythonTargets(project({ 'requirements.txt': 'Django==4.2.*\n', 'requirements-prod.txt': 'django>=4.1\n' })).django).toBe('4.1');
  });

  it('reads the locked version from poetry.lock, uv.lock and Pipfile.lock over the manifest range', () => {
    const poetry = '[[package]]\nname = "asgiref"\nversion = "3.8.1"\n\n[[package]]\nname = "django"\nversion = "5.0.9"\ndescription = "web"\n';
    expect(detectPythonTargets(project({ 'pyproject.toml': '[tool.poetry.dependencies]\nDjango = "^4.2"\n', 'poetry.lock': poetry })).django).toBe('5.0');
    const uv = 'version = 1\n\n[[package]]\nname = "django"\nversion = "5.2.3"\nsource = { registry = "https://pypi.org/simple" }\n';
    expect(detectPythonTargets(project({ 'pyproject.toml': '[project]\ndependencies = ["django>=4.2"]\n', 'uv.lock': uv })).django).toBe('5.2');
    const pipLock = JSON.stringify({ _meta: {}, default: { django: { hashes: [], version: '==5.1.2' } }, develop: {} });
    expect(detectPythonTargets(project({ Pipfile: '[packages]\ndjango = "~=4.2"\n', 'Pipfile.lock': pipLock })).django).toBe('5.1');
  });

  it('reads a Pipfile range when nothing is pinned', () => {
    expect(detectPythonTargets(project({ Pipfile: '[packages]\ndjango = "~=4.1"\n' })).django).toBe('4.1');
  });

  it('reads PEP 621 dependencies and requires-python', () => {
    const dir = project({ 'pyproject.toml': '[project]\nrequires-python = ">=3.10"\ndependencies = ["Django~=4.1", "httpx"]\n' });
    expect(detectPythonTargets(dir)).toEqual({ django: '4.1', python: '3.10' });
  });

  it('reads Poetry dependencies', () => {
    const dir = project({ 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.11"\nDjango = "^5.0"\n' });
    expect(detectPythonTargets(dir)).toEqual({ django: '5.0', python: '3.11' });
  });

  it('reads setup.cfg, Pipfile and .python-version', () => {
    expect(detectPythonTargets(project({ 'setup.cfg': '[options]\ninstall_requires =\n    Django>=4.0\n' })).django).toBe('4.0');
    expect(detectPythonTargets(project({ Pipfile: '[packages]\ndjango = "==4.2.*"\n' })).django).toBe('4.2');
    expect(detectPythonTargets(project({ '.python-version': '3.9.18\n' })).python).toBe('3.9');
  });

  it('reads the requirements of a setup.py (a published package: its lowest Django)', () => {
    const setup =
      "from setuptools import setup\nsetup(\n    name='tickets',\n    install_requires=[\n        'django>=3.2',\n        'django-model-utils>=3.1.0',\n    ],\n" +
      "    extras_require={'dev': [\"Django[argon2]>=4.0,<5\"]},\n    python_requires='>=3.8',\n)\n";
    expect(detectPythonTargets(project({ 'setup.py': setup }))).toEqual({ django: '3.2', python: '3.8' });
    // Another package whose name starts with django is not Django.
    expect(detectPythonTargets(project({ 'setup.py': "setup(install_requires=['django-filter>=23.1'])\n" }))).toEqual({});
  });

  it('finds nothing in an empty project', () => {
    expect(detectPythonTargets(project({}))).toEqual({});
  });
});
