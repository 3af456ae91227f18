// The analysis root and the write scope of a run. `awaitify migrate src`
// analyses the whole project the paths belong to (tests, scripts, models in
// other folders: whatever may call or define what the paths hold), and changes
// only the files the paths name. A function in the paths that a caller outside
// them would have to await keeps its sync form (or a sync twin) for that caller,
// and the run says where the caller is.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isInside, realpathOrSelf } from './discover.js';
import { UsageError } from './errors.js';
import { GLOB_CHARS, splitGlob } from './glob.js';
import type { PlanBoundary, PlanSite } from './types.js';

/** Files that mark the top of a project (JS/TS and Python). */
export const PROJECT_MARKERS = ['package.json', 'manage.py', 'pyproject.toml', 'setup.cfg', 'setup.py'] as const;

/**
 * The project root of a run:
 * 1. `--root DIR` when given;
 * 2. otherwise, from the first path (its directory when it is a file, the
 *    part before the first wildcard for a glob) upwards, the nearest directory
 *    that holds a project marker (`package.json`, `manage.py`,
 *    `pyproject.toml`, `setup.cfg`, `setup.py`) or a Python package with a
 *    settings module (`<pkg>/settings.py`, `<pkg>/settings/__init__.py`),
 *    looking no higher than the top of the git work tree, or (outside git) than
 *    the current directory when the path is inside it;
 * 3. when no directory on the way has a marker: the git work tree's top, or
 *    (outside git) the current directory, or the path's own directory when it
 *    is outside the current directory.
 */
export function findProjectRoot(paths: readonly string[], cwd: string, explicit?: string): string {
  if (explicit !== undefined) {
    const abs = path.resolve(cwd, explicit);
    if (!existsSync(abs) || !statSync(abs).isDirectory()) throw new UsageError(`--root ${explicit}: not a directory`);
    return abs;
  }
  const start = startDirectory(paths[0] ?? '.', cwd);
  const top = gitTop(start);
  const bound = top ?? (isInside(start, cwd) ? cwd : start);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (hasProjectMarker(dir)) return dir;
    if (dir === bound || path.dirname(dir) === dir || !isInside(dir, bound)) break;
  }
  return bound;
}

/** The directory a named path starts the search from. */
function startDirectory(input: string, cwd: string): string {
  const abs = path.resolve(cwd, input);
  if (existsSync(abs)) return statSync(abs).isDirectory() ? abs : path.dirname(abs);
  if (GLOB_CHARS.test(input)) {
    // The literal directories before the first wildcard: 'src/**/*.ts' → src.
    const dir = path.resolve(cwd, ...splitGlob(input.split(path.sep).join('/')).base);
    if (existsSync(dir) && statSync(dir).isDirectory()) return dir;
  }
  return cwd;
}

function hasProjectMarker(dir: string): boolean {
  if (PROJECT_MARKERS.some((m) => existsSync(path.join(dir, m)))) return true;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  for (const e of entries) {
    if (!e.isDirectory() || e.name.startsWith('.') || e.name === 'node_modules') continue;
    const pkg = path.join(dir, e.name);
    if (existsSync(path.join(pkg, 'settings.py')) || existsSync(path.join(pkg, 'settings', '__init__.py'))) return true;
  }
  return false;
}

/** The top of the git work tree holding `dir`, found by looking for `.git` (a directory, or a file in a worktree). */
export function gitTop(dir: string): string | undefined {
  for (let probe = dir; ; probe = path.dirname(probe)) {
    if (existsSync(path.join(probe, '.git'))) return probe;
    if (path.dirname(probe) === probe) return undefined;
  }
}

/**
 * Where `root` sits in its git work tree (`web/`), or '' at the top or outside
 * git: diff paths start at the top of the work tree, as `git diff` writes
 * them, so the diff applies with `git apply` and `patch -p1` from there. Found
 * from the file system (the nearest `.git` above the real path), not by asking
 * git, which refuses a work tree owned by another user.
 */
export function gitPrefix(root: string): string {
  const real = realpathOrSelf(root);
  const top = gitTop(real);
  if (!top) return '';
  const rel = path.relative(realpathOrSelf(top), real).split(path.sep).join('/');
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? `${rel}/` : '';
}

/** Whether a root-relative path lies in the write scope (no scope: every file does). */
export function inScope(scope: ReadonlySet<string> | undefined, file: string): boolean {
  return !scope || scope.has(file);
}

/** The kind of a boundary where a caller outside the paths of the run would have had to change. */
export const OUTSIDE_SCOPE = 'outside-scope';

/** Why a function outside the paths cannot change. */
export function outsideScopeFunction(file: string): { kind: string; reason: string } {
  return { kind: OUTSIDE_SCOPE, reason: `it is in ${file}, outside the paths of this run, which awaitify does not change` };
}

/** Why a function that implements or overrides a signature outside the paths cannot change. */
export function outsideScopeSignature(file: string): { kind: string; reason: string } {
  return { kind: OUTSIDE_SCOPE, reason: `the signature it implements is in ${file}, outside the paths of this run, which awaitify does not change` };
}

/**
 * The boundary for a call (or reference) in a file outside the paths of the
 * run of a function inside them: that call cannot gain `await` (or a twin's
 * name), so the function must keep its sync form for it.
 */
export function outsideScopeBoundary(
  site: PlanSite,
  caller: string,
  callee: { name: string; path: string; line: number },
): PlanBoundary {
  const who = caller === '<module>' ? 'module top-level code' : `\`${caller}\``;
  return {
    ...site,
    function: caller,
    callee: callee.name,
    calleePath: callee.path,
    calleeLine: callee.line,
    kind: OUTSIDE_SCOPE,
    reason: `${who} in ${site.path}:${site.line} calls it, outside the paths of this run, and awaitify does not change that call`,
  };
}
