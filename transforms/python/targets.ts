// Target versions of a Python project: Django from its dependency manifests,
// Python from `requires-python` or `.python-version`. An exact pin (`==` in a
// requirements file, a lockfile: poetry.lock, uv.lock, Pipfile.lock) names the
// version the project runs and wins over ranges; otherwise the lowest version a
// specifier allows is the target, so output runs on every allowed version.
// `--django` overrides both (the pipeline applies it after detection).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Targets } from '../core/types.js';

/** When nothing names a version, the output targets the newest releases awaitify knows. */
export const DEFAULT_DJANGO = '5.2';
export const DEFAULT_PYTHON = '3.12';

/**
 * The requirements files of a directory, relative to it and sorted: requirements*.txt|in, and
 * every .txt/.in in a requirements/ folder (where `requirements.txt` is often just
 * `-r requirements/base.txt`). `entries` is the directory's listing when the caller has it.
 */
export function requirementFiles(dir: string, entries?: string[]): string[] {
  const list = (d: string): string[] => {
    try {
      return readdirSync(d);
    } catch {
      return [];
    }
  };
  const top = (entries ?? list(dir)).filter((e) => /^requirements.*\.(txt|in)$/i.test(e));
  const folder = list(path.join(dir, 'requirements'))
    .filter((e) => /\.(txt|in)$/i.test(e))
    .map((e) => path.join('requirements', e));
  return [...top, ...folder].sort();
}

export function detectPythonTargets(root: string): Targets {
  const targets: Targets = {};
  const read = (rel: string): string | undefined => {
    const abs = path.join(root, rel);
    try {
      return existsSync(abs) ? readFileSync(abs, 'utf8') : undefined;
    } catch {
      return undefined;
    }
  };
  let entries: string[] = [];
  try {
    entries = readdirSync(root);
  } catch {
    return targets;
  }

  const django: string[] = [];
  const pinned: string[] = [];
  for (const name of requirementFiles(root, entries)) {
    const text = read(name) ?? '';
    const pin = exactRequirementPin(text, 'django');
    if (pin) pinned.push(pin);
    const v = fromRequirementLines(text, 'django');
    if (v) django.push(v);
  }
  for (const lock of ['poetry.lock', 'uv.lock']) {
    const v = fromTomlLock(read(lock) ?? '', 'django');
    if (v) pinned.push(v);
  }
  const pipfileLock = read('Pipfile.lock');
  if (pipfileLock) {
    const v = fromPipfileLock(pipfileLock, 'django');
    if (v) pinned.push(v);
  }
  const pyproject = read('pyproject.toml');
  if (pyproject) {
    const v = fromPyproject(pyproject, 'django');
    if (v) django.push(v);
    const py = /^\s*requires-python\s*=\s*["']([^"']+)["']/m.exec(pyproject)?.[1] ?? poetryPython(pyproject);
    if (py) {
      const low = lowestAllowed(py);
      if (low) targets.python = low;
    }
  }
  const setupCfg = read('setup.cfg');
  if (setupCfg) {
    const v = fromRequirementLines(setupCfg.replace(/^\s*install_requires\s*=/m, ''), 'django');
    if (v) django.push(v);
    const py = /^\s*python_requires\s*=\s*(.+)$/m.exec(setupCfg)?.[1];
    if (py && !targets.python) targets.python = lowestAllowed(py.trim());
  }
  const setupPy = read('setup.py');
  if (setupPy) {
    // setup(install_requires=['Django>=3.2', ...], python_requires='>=3.8'): a published package,
    // which runs on every Django its range allows, so the lowest one is the target.
    const v = fromSetupPy(setupPy, 'django');
    if (v) django.push(v);
    const py = /\bpython_requires\s*=\s*["']([^"']+)["']/.exec(setupPy)?.[1];
    if (py && !targets.python) targets.python = lowestAllowed(py);
  }
  const pipfile = read('Pipfile');
  if (pipfile) {
    const m = /^\s*django\s*=\s*["']([^"']*)["']/im.exec(pipfile);
    if (m) {
      const v = m[1] === '*' ? undefined : lowestAllowed(m[1]);
      if (v) django.push(v);
    }
    const py = /^\s*python_version\s*=\s*["']([^"']+)["']/m.exec(pipfile)?.[1];
    if (py && !targets.python) targets.python = py;
  }
  if (pinned.length) targets.django = pinned.sort(compareVersions)[0];
  else if (django.length) targets.django = django.sort(compareVersions)[0];
  if (!targets.python) {
    const pv = read('.python-version')?.trim().split(/\s+/)[0];
    if (pv && /^\d+\.\d+/.test(pv)) targets.python = /^(\d+\.\d+)/.exec(pv)![1];
  }
  return targets;
}

/** `Django==5.2.1`, `django>=4.2,<5`, `Django[argon2]~=4.1` in requirement-style lines. */
export function fromRequirementLines(text: string, pkg: string): string | undefined {
  const re = new RegExp(`^\\s*["']?${pkg}(?:\\[[^\\]]*\\])?\\s*((?:[<>=!~]=?|===)[^;#"'\\n]*)`, 'gim');
  const found: string[] = [];
  for (const m of text.matchAll(re)) {
    const v = lowestAllowed(m[1]);
    if (v) found.push(v);
  }
  return found.sort(compareVersions)[0];
}

/** `Django==4.2.7` (not `==4.2.*`, which is a range): the exact version a requirements file pins. */
export function exactRequirementPin(text: string, pkg: string): string | undefined {
  const re = new RegExp(`^\\s*${pkg}(?:\\[[^\\]]*\\])?\\s*===?\\s*v?(\\d+(?:\\.\\d+)*)(?=\\s|[;#\\\\]|$)`, 'gim');
  const found = [...text.matchAll(re)].map((m) => majorMinor(m[1]));
  return found.sort(compareVersions)[0];
}

/** The locked version in poetry.lock / uv.lock: a `[[package]]` table with `name = "django"`. */
export function fromTomlLock(text: string, pkg: string): string | undefined {
  for (const table of text.split(/^\[\[package\]\]\s*$/m).slice(1)) {
    const name = /^\s*name\s*=\s*["']([^"']+)["']/m.exec(table)?.[1];
    if (name?.toLowerCase() !== pkg) continue;
    const version = /^\s*version\s*=\s*["']v?(\d+(?:\.\d+)*)/m.exec(table)?.[1];
    if (version) return majorMinor(version);
  }
  return undefined;
}

/** The locked version in Pipfile.lock (JSON: `"default": {"django": {"version": "==4.2.7"}}`). */
export function fromPipfileLock(text: string, pkg: string): string | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const found: string[] = [];
  for (const section of ['default', 'develop']) {
    const packages = (data as Record<string, Record<string, { version?: unknown }>>)?.[section];
    if (!packages || typeof packages !== 'object') continue;
    for (const [name, entry] of Object.entries(packages)) {
      if (name.toLowerCase() !== pkg || typeof entry?.version !== 'string') continue;
      const m = /^\s*===?\s*v?(\d+(?:\.\d+)*)/.exec(entry.version);
      if (m) found.push(majorMinor(m[1]));
    }
  }
  return found.sort(compareVersions)[0];
}

function fromPyproject(text: string, pkg: string): string | undefined {
  // PEP 621 `dependencies = ["Django>=4.2"]` and Poetry `Django = "^4.2"` / `{version = "^4.2"}`.
  const quoted = new RegExp(`["']${pkg}(?:\\[[^\\]]*\\])?\\s*((?:[<>=!~]=?|===)[^;"']*)`, 'gi');
  const found: string[] = [];
  for (const m of text.matchAll(quoted)) {
    const v = lowestAllowed(m[1]);
    if (v) found.push(v);
  }
  const poetry = new RegExp(`^\\s*${pkg}\\s*=\\s*(?:["']([^"']+)["']|\\{[^}]*version\\s*=\\s*["']([^"']+)["'])`, 'gim');
  for (const m of text.matchAll(poetry)) {
    const v = lowestAllowed(m[1] ?? m[2]);
    if (v) found.push(v);
  }
  return found.sort(compareVersions)[0];
}

/**
 * The requirement strings of a setup.py (`install_requires=[...]`, `tests_require`, extras): a
 * quoted `Django>=3.2` anywhere in the file; `django-model-utils>=3.1` is another package (an
 * operator must follow the name).
 */
export function fromSetupPy(text: string, pkg: string): string | undefined {
  const quoted = new RegExp(`["']\\s*${pkg}(?:\\[[^\\]]*\\])?\\s*((?:[<>=!~]=?|===)[^;"']*)`, 'gi');
  const found: string[] = [];
  for (const m of text.matchAll(quoted)) {
    const v = lowestAllowed(m[1]);
    if (v) found.push(v);
  }
  return found.sort(compareVersions)[0];
}

function poetryPython(text: string): string | undefined {
  const section = /\[tool\.poetry\.dependencies\]([\s\S]*?)(?:\n\[|$)/.exec(text)?.[1];
  return section ? /^\s*python\s*=\s*["']([^"']+)["']/m.exec(section)?.[1] : undefined;
}

/** The lowest version a PEP 440 / Poetry specifier allows, as `major.minor`. */
export function lowestAllowed(spec: string): string | undefined {
  let low: string | undefined;
  for (const clause of spec.split(',')) {
    const m = /^\s*(===|==|>=|<=|!=|~=|\^|~|>|<)?\s*v?(\d+(?:\.\d+)*)(\.\*)?/.exec(clause.trim());
    if (!m) continue;
    const [, op = '==', version] = m;
    if (op === '<' || op === '<=' || op === '!=') continue;
    const mm = majorMinor(version);
    if (!low || compareVersions(mm, low) > 0) low = mm;
  }
  return low;
}

function majorMinor(v: string): string {
  const [major, minor = '0'] = v.split('.');
  return `${major}.${minor}`;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((n) => parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** Whether the target is at least `min` (`4.1`). */
export function atLeast(target: string, min: string): boolean {
  return compareVersions(target, min) >= 0;
}
