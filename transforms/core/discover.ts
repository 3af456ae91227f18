// discover: from the paths a user names to the source files to read, honouring
// .gitignore and skipping dependencies, build output and vendored code.
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { UsageError } from './errors.js';
import { GLOB_CHARS, globToRegExp, splitGlob } from './glob.js';

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

/**
 * The skip list in force for the current `discover` call (its `skipDirectories` option, or
 * the defaults above). Discovery is synchronous, so one call never sees another's list.
 */
let skippedDirectories: ReadonlySet<string> = SKIPPED_DIRECTORIES;

/**
 * The skip list a configuration asks for: the defaults, less each `!name`, plus each
 * other name (`["!vendor", "generated"]` walks vendor/ and skips generated/).
 */
export function skipDirectoriesFrom(entries: readonly string[] | undefined): Set<string> {
  const set = new Set(SKIPPED_DIRECTORIES);
  for (const entry of entries ?? []) {
    if (entry.startsWith('!')) set.delete(entry.slice(1));
    else set.add(entry);
  }
  return set;
}

/** Skipped like the others, but never counted: every repository has one. */
const VCS_DIRECTORIES = new Set(['.git', '.hg', '.svn']);

/** Declaration files: types, no code to migrate. */
const DECLARATION_FILE = /(\.d\.(c|m)?ts|\.d\.[^.]+\.ts)$/;
/** A `templates` folder beside a Python package's `__init__.py` or a project's `manage.py`: Django's templates, whatever their extension. */
function djangoTemplatesDir(file: string): string | undefined {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (path.basename(dir) === 'templates' && templatesOwner(dir)) return dir;
  }
  return undefined;
}

function templatesOwner(templates: string): string | undefined {
  const parent = path.dirname(templates);
  return ['__init__.py', 'manage.py'].find((f) => existsSync(path.join(parent, f)));
}

/** Minified or bundled by name: skipped with the reason. */
const MINIFIED_FILE = /\.(min|bundle)\.(c|m)?js$/;

export interface DiscoveredFile {
  /** The file's real path (symlinks resolved): what is read and written. */
  absPath: string;
  /** Relative to the run's root (or to cwd without one), forward slashes. */
  path: string;
  /** Size in bytes, from the stat that classified it (nothing was opened yet). */
  size?: number;
}

/** A path the run met and left alone, with the reason (never silent). */
export interface SkippedPath {
  /** Relative to the root (or cwd), forward slashes: where the run met it (a link's own path, not its target's). */
  path: string;
  reason: string;
}

export interface Discovery {
  files: DiscoveredFile[];
  skipped: SkippedPath[];
  /** Directories the skip list kept from being walked (relative, as `path` above), in walk order. */
  skippedDirectories: string[];
}

export interface DiscoverOptions {
  /**
   * The boundary: no file whose real path lies outside it is returned (a
   * symlink pointing out of it is skipped with the reason), and paths are
   * relative to it. Default: none (paths relative to cwd).
   */
  root?: string;
  /** Directory names never walked (dependencies, build output). Default: SKIPPED_DIRECTORIES. */
  skipDirectories?: ReadonlySet<string>;
}

/**
 * Lists the files under `paths` whose extension is in `extensions`.
 * Throws UsageError for a path that does not exist.
 */
export function discoverFiles(paths: readonly string[], cwd: string, extensions: ReadonlySet<string>): DiscoveredFile[] {
  return discover(paths, cwd, extensions).files;
}

/**
 * The files under `paths` (files, directories, globs relative to cwd) and the
 * paths skipped on the way. Every file is reported by its real path and
 * appears once however many ways lead to it (a symlinked parent, a path named
 * twice); directories are walked honouring `.gitignore` and the skip list,
 * globs too; a directory symlink is followed only to a directory inside the
 * root (and never twice); anything that is not a regular file (a FIFO, a
 * socket, a device, a directory a glob matched by its `.js` name) is skipped
 * with the reason and never opened.
 */
export function discover(paths: readonly string[], cwd: string, extensions: ReadonlySet<string>, options: DiscoverOptions = {}): Discovery {
  gitignoreCache.clear();
  skippedDirectories = options.skipDirectories ?? SKIPPED_DIRECTORIES;
  const skippedDirs = new Set<string>();
  const boundary = options.root === undefined ? undefined : realpathOrSelf(options.root);
  const base = boundary ?? cwd;
  const found = new Map<string, DiscoveredFile>();
  const skipped = new Map<string, SkippedPath>();
  const walked = new Set<string>();
  const rel = (abs: string) => toPosix(path.relative(base, abs)) || path.basename(abs);
  const skip = (abs: string, reason: string) => {
    const p = rel(abs);
    if (!skipped.has(p)) skipped.set(p, { path: p, reason });
  };
  const outside = (real: string) => boundary !== undefined && !isInside(real, boundary);
  const known = (abs: string) => extensions.has(extensionOf(abs)) && !DECLARATION_FILE.test(abs);

  /** A path that is not a directory: a regular file is kept (by its real path), anything else skipped with the reason. */
  const addFile = (abs: string, stat: Stats, named: boolean, ignoredCheck?: (real: string) => boolean) => {
    if (!known(abs)) return;
    const kind = specialKind(stat);
    if (kind) return skip(abs, `${kind}, not a regular file: awaitify never opens it`);
    if (MINIFIED_FILE.test(abs)) return skip(abs, `minified or bundled (by its name, ${path.basename(abs)}): not rewritten; migrate its source instead`);
    const templates = extensionOf(abs) !== '.py' ? djangoTemplatesDir(abs) : undefined;
    if (templates) return skip(abs, `under ${rel(templates)}/, the templates folder of a Django app (${path.basename(path.dirname(templates))}/ holds ${templatesOwner(templates)}): a template Django renders (it may hold {{ }} and {% %}), not a module`);
    const real = realpathOrSelf(abs);
    if (outside(real)) {
      const what = isSymlink(abs) ? `a symlink to ${real}, outside` : 'outside';
      return skip(abs, `${what} the project root ${boundary}: awaitify never reads or writes outside it`);
    }
    if (real !== abs && !known(real)) return skip(abs, `a symlink to ${real}, which is not a file awaitify can migrate`);
    if (real !== abs && !named && ignoredCheck?.(real)) return;
    if (!found.has(real)) found.set(real, { absPath: real, path: rel(real), size: stat.size });
  };

  /** Walks a directory; `filter` narrows a glob's walk to what it matches (paths as met, before links are resolved). */
  const walkDir = (abs: string, filter?: { file(abs: string): boolean; linkedDir(abs: string): boolean; dir(abs: string): void }) => {
    const real = realpathOrSelf(abs);
    if (outside(real)) return skip(abs, `a symlink to the directory ${real}, outside the project root ${boundary}: not followed`);
    // A glob walks again what a plain walk has seen: its matches differ.
    if (!filter && walked.has(real)) return;
    const seen = filter ? new Set<string>() : walked;
    const visit: WalkVisitor = {
      file: (p, stat) => {
        if (!filter || filter.file(p)) addFile(p, stat, false, (r) => isIgnoredReal(r, boundary));
      },
      dir: (p) => filter?.dir(p),
      // Version-control folders are no news.
      skippedDir: (p) => VCS_DIRECTORIES.has(path.basename(p)) || skippedDirs.add(rel(p)),
      linkedDir: (p, target) => {
        if (outside(target)) {
          if (!filter || filter.linkedDir(p)) skip(p, `a symlink to the directory ${target}, outside the project root ${boundary}: not followed`);
        }
        // Inside the root: walked where it lies (paths are real), once; a glob does not follow it (its matches are found where they lie).
        else if (!filter && !seen.has(target) && !isIgnoredReal(target, boundary, true)) walk(target, ignoreStackFor(target), seen, visit);
      },
      broken: (p, reason) => {
        if (known(p) && (!filter || filter.file(p))) skip(p, reason);
      },
    };
    walk(real, ignoreStackFor(real), seen, visit);
  };

  for (const input of paths.length ? paths : ['.']) {
    const abs = path.resolve(cwd, input);
    const stat = statOrUndefined(abs);
    // A path named outside the root is a mistake in the command; a link inside it that points out is skipped.
    if (stat && boundary !== undefined && !isInside(path.join(realpathOrSelf(path.dirname(abs)), path.basename(abs)), boundary)) {
      throw new UsageError(`${input}: outside the project root ${boundary}; pass --root with a directory that holds every path`);
    }
    if (stat) {
      if (stat.isDirectory()) walkDir(abs);
      else {
        if (!extensions.has(extensionOf(abs))) {
          throw new UsageError(`${input}: not a file awaitify can migrate (known extensions: ${[...extensions].sort().join(' ')})`);
        }
        addFile(abs, stat, true);
      }
      continue;
    }
    if (GLOB_CHARS.test(input)) {
      // Walked like a directory (gitignore, skip list, links, special files alike), then matched.
      const { base, rest } = splitGlob(toPosix(input));
      const baseDir = path.resolve(cwd, ...base);
      const pattern = globToRegExp(rest);
      const hidden = !/(^|\/)\./.test(rest);
      let matched = false;
      const matches = (abs: string) => {
        const rel = toPosix(path.relative(baseDir, abs));
        const hit = pattern.test(rel) && !(hidden && /(^|\/)\./.test(rel));
        matched ||= hit;
        return hit;
      };
      if (statOrUndefined(baseDir)?.isDirectory()) {
        if (boundary !== undefined && !isInside(path.join(realpathOrSelf(path.dirname(baseDir)), path.basename(baseDir)), boundary)) {
          throw new UsageError(`${input}: outside the project root ${boundary}; pass --root with a directory that holds every path`);
        }
        // A link to a directory outside the root is worth a word only where the pattern could look inside it.
        const parts = rest.split('/');
        const dirPattern = parts.length > 1 ? globToRegExp(parts.slice(0, -1).join('/')) : undefined;
        const into = (abs: string) => rest.includes('**') || Boolean(dirPattern?.test(toPosix(path.relative(baseDir, abs))));
        walkDir(baseDir, {
          file: matches,
          linkedDir: into,
          dir: (abs) => {
            if (extensions.has(extensionOf(abs)) && matches(abs)) skip(abs, `a directory, not a file (its name ends in ${extensionOf(abs)}): its files are matched on their own`);
          },
        });
      }
      if (!matched) throw new UsageError(`${input}: the pattern matches no files; check it, or quote it so the shell does not expand it`);
      continue;
    }
    throw new UsageError(`${input}: no such file or directory; pass an existing path (relative to ${cwd}) or a glob`);
  }
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { files: [...found.values()].sort(byPath), skipped: [...skipped.values()].sort(byPath), skippedDirectories: [...skippedDirs] };
}

interface IgnoreLayer {
  base: string;
  rules: Ignore;
}

interface WalkVisitor {
  file(abs: string, stat: Stats): void;
  /** A real directory about to be walked. */
  dir(abs: string): void;
  /** A directory the skip list keeps from being walked. */
  skippedDir?(abs: string): void;
  /** A symlink to a directory, with the directory's real path. */
  linkedDir(abs: string, target: string): void;
  broken(abs: string, reason: string): void;
}

function walk(dir: string, layers: IgnoreLayer[], walked: Set<string>, visit: WalkVisitor): void {
  walked.add(dir);
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
      if (skippedDirectories.has(entry.name)) {
        visit.skippedDir?.(abs);
        continue;
      }
      if (isIgnored(here, abs, true) || walked.has(abs)) continue;
      visit.dir(abs);
      walk(abs, here, walked, visit);
      continue;
    }
    if (isIgnored(here, abs, false)) continue;
    // lstat-free: the entry's type is the link's own; stat follows it (a FIFO is classified, never opened).
    const stat = statOrUndefined(abs);
    if (!stat) {
      visit.broken(abs, 'a broken symlink: its target does not exist');
      continue;
    }
    if (stat.isDirectory()) {
      if (!skippedDirectories.has(entry.name) && !isIgnored(here, abs, true)) visit.linkedDir(abs, realpathOrSelf(abs));
      continue;
    }
    visit.file(abs, stat);
  }
}

/** 'a FIFO (named pipe)' etc. for what is not a regular file. */
function specialKind(stat: Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isDirectory()) return 'a directory';
  return 'not a regular file';
}

function isIgnored(layers: IgnoreLayer[], abs: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const rel = toPosix(path.relative(layer.base, abs));
    if (!rel || rel.startsWith('..')) continue;
    if (layer.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/**
 * Whether a path reached other than by a plain walk (a symlink's target, a
 * glob match) is excluded as a walk would exclude it: under a skipped
 * directory below `base`, or ignored by a .gitignore of its git work tree.
 */
function isIgnoredReal(abs: string, base: string | undefined, isDir = false): boolean {
  if (base && isInside(abs, base)) {
    const parts = toPosix(path.relative(base, abs)).split('/');
    if (parts.slice(0, isDir ? parts.length : -1).some((p) => skippedDirectories.has(p))) return true;
  }
  const dir = path.dirname(abs);
  const layers = [...ignoreStackFor(dir)];
  const own = loadGitignore(dir);
  if (own) layers.push(own);
  return isIgnored(layers, abs, isDir);
}

/** Parsed .gitignore files of the current discover() call (globs and links ask for the same directories again and again). */
const gitignoreCache = new Map<string, IgnoreLayer | undefined>();

function loadGitignore(dir: string): IgnoreLayer | undefined {
  if (gitignoreCache.has(dir)) return gitignoreCache.get(dir);
  const file = path.join(dir, '.gitignore');
  let layer: IgnoreLayer | undefined;
  try {
    if (existsSync(file)) layer = { base: dir, rules: ignore().add(readFileSync(file, 'utf8')) };
  } catch {
    layer = undefined;
  }
  gitignoreCache.set(dir, layer);
  return layer;
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

function statOrUndefined(abs: string): Stats | undefined {
  try {
    return statSync(abs);
  } catch {
    return undefined;
  }
}

/** The real path (symlinks resolved), or the path itself when it cannot be resolved. */
export function realpathOrSelf(abs: string): string {
  try {
    return realpathSync(abs);
  } catch {
    return abs;
  }
}

/** Whether `child` is `parent` or lies below it. */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function isSymlink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}
