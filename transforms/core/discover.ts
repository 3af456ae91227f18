// discover: from the paths a user names to the source files to read, honouring
// .gitignore and skipping dependencies, build output and vendored code.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { globSync } from 'tinyglobby';
import { UsageError } from './errors.js';

/** Directories that hold dependencies, build output, caches or vendored code. */
export const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  '.git',
  '.hg',
  '.svn',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.turbo',
  '.cache',
  'vendor',
  'vendors',
  'third_party',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '__pycache__',
  'site-packages',
  '.mypy_cache',
  '.pytest_cache',
  'staticfiles',
]);

/** Generated or bundled files that are not worth migrating. */
const SKIPPED_FILE = /(\.min\.(c|m)?js|\.bundle\.(c|m)?js|\.d\.(c|m)?ts|\.d\.[^.]+\.ts)$/;

export interface DiscoveredFile {
  absPath: string;
  /** Relative to the run's root, forward slashes. */
  path: string;
}

const GLOB_CHARS = /[*?[\]{}!]/;

/**
 * Lists the files under `paths` whose extension is in `extensions`.
 * Throws UsageError for a path that does not exist.
 */
export function discoverFiles(paths: readonly string[], cwd: string, extensions: ReadonlySet<string>): DiscoveredFile[] {
  const found = new Map<string, DiscoveredFile>();
  const add = (absPath: string) => {
    if (!extensions.has(extensionOf(absPath)) || SKIPPED_FILE.test(absPath)) return;
    if (!found.has(absPath)) found.set(absPath, { absPath, path: toPosix(path.relative(cwd, absPath)) || path.basename(absPath) });
  };

  for (const input of paths.length ? paths : ['.']) {
    const abs = path.resolve(cwd, input);
    if (existsSync(abs)) {
      const stat = statSync(abs);
      if (stat.isDirectory()) walk(abs, ignoreStackFor(abs), add);
      else if (stat.isFile()) {
        if (!extensions.has(extensionOf(abs))) {
          throw new UsageError(`${input}: not a file awaitify can migrate (known extensions: ${[...extensions].sort().join(' ')})`);
        }
        add(abs);
      }
      continue;
    }
    if (GLOB_CHARS.test(input)) {
      const matches = globSync(input, { cwd, absolute: true, dot: false, ignore: [...SKIPPED_DIRECTORIES].map((d) => `**/${d}/**`) });
      if (matches.length === 0) throw new UsageError(`${input}: the pattern matches no files; check it, or quote it so the shell does not expand it`);
      for (const m of matches) {
        const stat = statSync(m);
        if (stat.isDirectory()) walk(m, ignoreStackFor(m), add);
        else add(path.resolve(m));
      }
      continue;
    }
    throw new UsageError(`${input}: no such file or directory; pass an existing path (relative to ${cwd}) or a glob`);
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

function walk(dir: string, layers: IgnoreLayer[], add: (absPath: string) => void): void {
  const own = loadGitignore(dir);
  const here = own ? [...layers, own] : layers;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || isIgnored(here, abs, true)) continue;
      walk(abs, here, add);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      if (isIgnored(here, abs, false)) continue;
      if (entry.isSymbolicLink()) {
        try {
          if (!statSync(abs).isFile()) continue;
        } catch {
          continue;
        }
      }
      add(abs);
    }
  }
}

function isIgnored(layers: IgnoreLayer[], abs: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const rel = toPosix(path.relative(layer.base, abs));
    if (!rel || rel.startsWith('..')) continue;
    if (layer.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

function loadGitignore(dir: string): IgnoreLayer | undefined {
  const file = path.join(dir, '.gitignore');
  if (!existsSync(file)) return undefined;
  try {
    return { base: dir, rules: ignore().add(readFileSync(file, 'utf8')) };
  } catch {
    return undefined;
  }
}

/** The .gitignore files that apply to `dir` from the enclosing git work tree's top down to (not including) `dir`. */
function ignoreStackFor(dir: string): IgnoreLayer[] {
  const chain: string[] = [];
  let current = path.dirname(dir);
  let top: string | undefined;
  for (let probe = dir; ; probe = path.dirname(probe)) {
    if (existsSync(path.join(probe, '.git'))) {
      top = probe;
      break;
    }
    if (path.dirname(probe) === probe) break;
  }
  if (!top || top === dir) return [];
  while (current.length >= top.length) {
    chain.unshift(current);
    if (current === top) break;
    current = path.dirname(current);
  }
  return chain.map(loadGitignore).filter((l): l is IgnoreLayer => Boolean(l));
}

export function extensionOf(file: string): string {
  const base = path.basename(file);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
