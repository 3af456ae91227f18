// `--shard K/N`: a deterministic part of a monorepo's files, for a CI matrix of
// N machines whose diffs, concatenated in shard order, are the single run's
// diff byte for byte.
//
// Which way async flows decides what a shard must analyse. A dependent's
// handler that calls a dependency's blocking function makes that function
// async (the dependency's output depends on its dependents), and the function
// made async makes the dependent await it (the dependent's output depends on
// its dependencies). So no package's output can be computed from its
// dependencies alone: a shard analyses the *components* of the import graph
// (files joined by an import in either direction, across packages or not) that
// hold the files it owns, and reports only the files it owns.
//
// - Packages: directories below the root that hold a package.json (matching the
//   root's `workspaces` / pnpm-workspace.yaml / lerna.json patterns when it
//   declares any), a pyproject.toml, setup.py or setup.cfg. A file belongs to
//   the deepest one above it; files outside any package belong to the root's
//   pseudo-package ''.
// - Ownership: the files in path order, cut into N contiguous ranges at package
//   boundaries, balanced by file count. Contiguous ranges are what make the
//   concatenated diffs equal the single run's diff, whose files are in path
//   order. A path is owned by the range it falls in (skipped and created files too).
// - JS/TS components: an import (`import`, `export from`, `require`, `import()`,
//   `/// <reference path>`) joins two files when the analysis can follow it: its
//   specifier is relative, resolves through the root tsconfig's `paths` or
//   `baseUrl`, or names a package of the project by its package.json `name`
//   (transforms/typescript/analysis/packages.ts: the whole package joins, since
//   an entry that is not a run file stops every function the package exports);
//   a directory joins all its files. A call
//   the analysis cannot follow is a call on an unresolved value, which the name
//   check below covers. TypeScript's global scope joins files too (GlobalScope).
// - Python: one component. Django settings (AUTHENTICATION_BACKENDS, MIDDLEWARE,
//   CSRF_USE_SESSIONS), URLconfs and installed apps named in strings, not imports,
//   decide how every Python file migrates.
//
// What a component boundary cannot see is checked after the analysis (see
// `namesCalledOutside`): the JS/TS analysis keeps a function sync when a call on
// a value it cannot resolve, anywhere in the project, names one of its method
// names. When a function the shard made async is named by such a call outside
// the analysed files, the shard analyses those files' components too, and checks
// again (each round is another analysis), and says so.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';
import { globToRegExp } from './glob.js';
import type { Language, MigrationPlan } from './types.js';
import type { MigrateResult } from './pipeline.js';

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
  /**
   * false: only the changes must be the single run's (the diff); the findings may
   * lack a `manual` one the single run reports at a method call of one of this
   * part's files on an unresolved value that names another part's function. The
   * part then does not analyse the packages that may define such a function.
   * Default true: every finding too.
   */
  findings?: boolean;
}

/** `K/N` with 1 <= K <= N. */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${text}: expected K/N with 1 <= K <= N (the K-th of N machines), e.g. --shard 2/4`);
  }
  return { index, count };
}

export interface ShardInputFile {
  /** Relative to the root, forward slashes. */
  path: string;
  absPath: string;
  language: Language;
}

export interface ShardPackage {
  /** Relative to the root ('' for the files outside any package). */
  dir: string;
  name?: string;
  files: number;
  /** 1-based shard that owns it (a package split by a nested one may span two). */
  shards: number[];
}

export interface ShardPlan {
  spec: ShardSpec;
  /** A hash of the partition: equal on every machine that saw the same tree and N. */
  fingerprint: string;
  packages: ShardPackage[];
  /** Whether a path (a discovered, skipped or created file) is this shard's to report. */
  owns(filePath: string): boolean;
  /** The files this shard analyses: every file of the components of the files it owns. */
  analysed: Set<string>;
  ownedFiles: number;
  /** The names each JS/TS file calls as methods on values the analysis may not resolve (see methodCallNames). */
  callNames: Map<string, Set<string>>;
  /** The JS/TS files of the component a file belongs to. */
  componentFiles(filePath: string): string[];
}

/** The first path each shard owns ('' for the first): shard k owns [bounds[k-1], bounds[k]). */
export type ShardBounds = string[];

export function planShard(root: string, files: readonly ShardInputFile[], spec: ShardSpec, read: (absPath: string) => string = readText): ShardPlan {
  const sorted = [...files].sort((a, b) => compare(a.path, b.path));
  const packageDirs = findPackages(root, sorted);
  const packageOf = (filePath: string) => ownerDir(filePath, packageDirs.dirs);
  const units = contiguousUnits(sorted.map((f) => packageOf(f.path)));
  const bounds = assignRanges(
    units.map((u) => ({ first: sorted[u.start]!.path, weight: u.end - u.start })),
    spec.count,
  );
  const owns = (filePath: string) => shardOfPath(filePath, bounds) === spec.index;

  const graph = new UnionFind();
  // Declaration files are not loaded by the JS/TS analysis (transforms/typescript/project.ts).
  const js = sorted.filter((f) => f.language === 'typescript' && !/\.d\.[cm]?ts$/.test(f.path));
  const resolver = new SpecifierResolver(sorted, tsconfigOptions(root), packageDirs.byName);
  const scope = new GlobalScope();
  // Names the files this shard owns call as methods, and the names each file gives a function.
  const called = new Set<string>();
  const callNames = new Map<string, Set<string>>();
  const defined = new Map<string, Set<string>>();
  for (const file of js) {
    const from = file.path;
    graph.add(from);
    const text = read(file.absPath);
    const specs = importSpecifiers(text);
    for (const spec of specs) for (const to of resolver.filesOf(spec, from)) graph.union(from, to);
    scope.add(file, text, specs, (spec) => resolver.filesOf(spec, from));
    const calls = methodCallNames(text, (spec) => resolver.external(spec, from));
    callNames.set(from, calls);
    if (owns(from)) for (const name of calls) called.add(name);
    defined.set(from, memberNameCandidates(text));
  }
  scope.join(graph, js, read);

  const ownedFiles = sorted.filter((f) => owns(f.path));
  const jsComponents = new Set(ownedFiles.filter((f) => graph.has(f.path)).map((f) => graph.find(f.path)));
  // A method call in an owned file whose receiver awaitify cannot resolve keeps a function of that
  // name sync wherever it is, and is reported here (a manual finding, no change at the call): the
  // components that may define one are analysed too, unless only the changes are asked for.
  for (const [file, names] of spec.findings === false ? [] : defined) {
    const component = graph.find(file);
    if (!jsComponents.has(component) && [...names].some((n) => called.has(n))) jsComponents.add(component);
  }
  const languages = new Set(ownedFiles.map((f) => f.language));
  const analysed = new Set<string>();
  for (const f of sorted) {
    if (owns(f.path) || (graph.has(f.path) ? jsComponents.has(graph.find(f.path)) : f.language !== 'typescript' && languages.has(f.language))) analysed.add(f.path);
  }

  const packages = new Map<string, ShardPackage>();
  for (const f of sorted) {
    const dir = packageOf(f.path);
    const p = packages.get(dir) ?? { dir, ...(packageDirs.names.has(dir) ? { name: packageDirs.names.get(dir)! } : {}), files: 0, shards: [] };
    p.files++;
    const k = shardOfPath(f.path, bounds);
    if (!p.shards.includes(k)) p.shards.push(k);
    packages.set(dir, p);
  }
  const fingerprint = createHash('sha256')
    .update(JSON.stringify({ count: spec.count, bounds, units: units.map((u) => [sorted[u.start]!.path, u.end - u.start]) }))
    .digest('hex')
    .slice(0, 12);
  const componentFiles = (filePath: string) => {
    const component = graph.find(filePath);
    return js.filter((f) => graph.find(f.path) === component).map((f) => f.path);
  };
  return { spec, fingerprint, packages: [...packages.values()], owns, analysed, ownedFiles: ownedFiles.length, callNames, componentFiles };
}

/** The shard (1-based) whose range holds a path. */
export function shardOfPath(filePath: string, bounds: ShardBounds): number {
  let k = 1;
  while (k < bounds.length && compare(bounds[k]!, filePath) <= 0) k++;
  return k;
}

/**
 * Cuts units (in path order, each with the first path it holds and a weight)
 * into `count` contiguous ranges whose largest weight is as small as it can be.
 * Returns the lower bound of each range ('' for the first; '\uffff', after every
 * path, for a range left empty at the end).
 */
export function assignRanges(units: readonly { first: string; weight: number }[], count: number): ShardBounds {
  const total = units.reduce((s, u) => s + u.weight, 0);
  const largest = units.reduce((m, u) => Math.max(m, u.weight), 0);
  const fits = (cap: number) => {
    let ranges = 1;
    let load = 0;
    for (const u of units) {
      if (load + u.weight > cap) {
        ranges++;
        load = 0;
      }
      load += u.weight;
    }
    return ranges <= count;
  };
  let lo = largest;
  let hi = Math.max(total, largest);
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (fits(mid)) hi = mid;
    else lo = mid + 1;
  }
  // Each range takes units up to an even share of what is left (never over the
  // capacity), so that no range is left empty while another holds two units; when
  // that leaves the last range over the capacity, each takes all it can instead.
  const cut = (even: boolean): number[] | undefined => {
    const starts: number[] = [];
    let i = 0;
    let remaining = total;
    for (let k = 1; k < count; k++) {
      const share = remaining / (count - k + 1);
      let load = 0;
      while (i < units.length && load + units[i]!.weight <= lo && (!even || load < share)) load += units[i++]!.weight;
      remaining -= load;
      starts.push(i);
    }
    return remaining <= lo ? starts : undefined;
  };
  const starts = cut(true) ?? cut(false)!;
  const bounds: ShardBounds = [''];
  for (const start of starts) bounds.push(start < units.length ? units[start]!.first : '\uffff');
  return bounds;
}

/** Runs of consecutive files (in path order) that belong to one package: [start, end). */
function contiguousUnits(owners: readonly string[]): { start: number; end: number }[] {
  const units: { start: number; end: number }[] = [];
  for (let i = 0; i < owners.length; i++) {
    const last = units[units.length - 1];
    if (last && owners[last.start] === owners[i]) last.end = i + 1;
    else units.push({ start: i, end: i + 1 });
  }
  return units;
}

interface PackageDirs {
  dirs: Set<string>;
  /** package.json `name` by directory. */
  names: Map<string, string>;
  /** Directories of every package.json with a `name` above a file (the root's too, '.'), workspaces or not, by name: as the JS/TS analysis finds packages. */
  byName: Map<string, string[]>;
}

/** The package directories above the given files (see the header). */
function findPackages(root: string, files: readonly ShardInputFile[]): PackageDirs {
  const patterns = workspacePatterns(root);
  const include = patterns.filter((p) => !p.startsWith('!')).map((p) => globToRegExp(trimDir(p)));
  const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => globToRegExp(trimDir(p.slice(1))));
  const dirs = new Set<string>();
  const names = new Map<string, string>();
  const byName = new Map<string, string[]>();
  const named = (dir: string, manifest: string) => {
    const name = packageName(manifest);
    if (name) byName.set(name, [...(byName.get(name) ?? []), dir]);
    return name;
  };
  const seen = new Set<string>();
  for (const f of files) {
    for (let dir = path.posix.dirname(f.path); dir !== '.' && !seen.has(dir); dir = path.posix.dirname(dir)) {
      seen.add(dir);
      const abs = path.join(root, dir);
      const python = ['pyproject.toml', 'setup.py', 'setup.cfg'].some((m) => existsSync(path.join(abs, m)));
      const manifest = path.join(abs, 'package.json');
      const hasManifest = existsSync(manifest);
      const name = hasManifest ? named(dir, manifest) : undefined;
      const workspace = hasManifest && (include.length === 0 || (include.some((r) => r.test(dir)) && !exclude.some((r) => r.test(dir))));
      if (!python && !workspace) continue;
      dirs.add(dir);
      if (workspace && name) names.set(dir, name);
    }
  }
  named('.', path.join(root, 'package.json'));
  return { dirs, names, byName };
}

function trimDir(pattern: string): string {
  return pattern.replace(/^\.\//, '').replace(/\/+$/, '');
}

/** `workspaces` of the root package.json (a list, or `{ packages }`), pnpm-workspace.yaml's `packages`, lerna.json's `packages`. */
function workspacePatterns(root: string): string[] {
  const out: string[] = [];
  const manifest = readJson(path.join(root, 'package.json')) as { workspaces?: unknown } | undefined;
  const ws = manifest?.workspaces;
  const list = Array.isArray(ws) ? ws : ws && typeof ws === 'object' ? (ws as { packages?: unknown }).packages : undefined;
  if (Array.isArray(list)) out.push(...list.filter((p): p is string => typeof p === 'string'));
  const lerna = readJson(path.join(root, 'lerna.json')) as { packages?: unknown } | undefined;
  if (Array.isArray(lerna?.packages)) out.push(...lerna.packages.filter((p): p is string => typeof p === 'string'));
  const pnpm = path.join(root, 'pnpm-workspace.yaml');
  if (existsSync(pnpm)) out.push(...pnpmPackages(readFileSync(pnpm, 'utf8')));
  return out;
}

/** The `packages:` list of a pnpm-workspace.yaml (block or flow style). */
export function pnpmPackages(yaml: string): string[] {
  const out: string[] = [];
  const lines = yaml.split(/\r?\n/);
  const at = lines.findIndex((l) => /^packages\s*:/.test(l));
  if (at < 0) return out;
  const flow = /^packages\s*:\s*\[(.*)\]/.exec(lines[at]!);
  if (flow) return flow[1]!.split(',').map(unquote).filter(Boolean);
  for (const line of lines.slice(at + 1)) {
    if (/^\S/.test(line)) break;
    const item = /^\s*-\s*(.+?)\s*(#.*)?$/.exec(line);
    if (item) out.push(unquote(item[1]!));
  }
  return out;
}

function unquote(s: string): string {
  return s.trim().replace(/^(['"])(.*)\1$/, '$2');
}

function packageName(manifest: string): string | undefined {
  const m = readJson(manifest) as { name?: unknown } | undefined;
  return typeof m?.name === 'string' ? m.name : undefined;
}

function readJson(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function readText(absPath: string): string {
  try {
    return readFileSync(absPath, 'utf8');
  } catch {
    return '';
  }
}

/** The deepest package directory above a path ('' when none). */
function ownerDir(filePath: string, dirs: ReadonlySet<string>): string {
  for (let dir = path.posix.dirname(filePath); dir !== '.' && dir !== '/' && dir !== ''; dir = path.posix.dirname(dir)) if (dirs.has(dir)) return dir;
  return '';
}

/** Module specifiers a JS/TS text imports, requires or references (strings only: a computed `require(x)` names nothing). */
export function importSpecifiers(text: string): string[] {
  const out = new Set<string>();
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\bfrom\s*(['"])([^'"\n]+)\1/g,
    /\bimport\s*(['"])([^'"\n]+)\1/g,
    /\b(?:require|import)\s*\(\s*(['"`])([^'"`\n]+)\1\s*\)/g,
    /\brequire\.resolve\s*\(\s*(['"`])([^'"`\n]+)\1/g,
    /\/\/\/\s*<reference\s+path\s*=\s*(['"])([^'"\n]+)\1/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.add(m[2]!);
  return [...out];
}

const RESOLVE_SUFFIXES = ['', '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.tsx', '/index.js', '/index.jsx', '/index.mjs', '/index.cjs'];

interface TsconfigPaths {
  baseUrl?: string;
  paths?: Record<string, string[]>;
  /** The directory (root-relative) of the config file that declares `paths`. */
  pathsBase?: string;
}

/** Which files a specifier may name, from a file, as the analysis resolves it (relative, tsconfig paths, baseUrl), over-approximated. */
class SpecifierResolver {
  private readonly files = new Set<string>();
  private readonly dirs = new Map<string, string[]>();

  constructor(
    files: readonly ShardInputFile[],
    private readonly options: TsconfigPaths | undefined,
    /** Directories of the packages below the root (and the root, '.'), by package.json `name`. */
    private readonly named: Map<string, string[]> = new Map(),
  ) {
    for (const f of files) {
      this.files.add(f.path);
      for (let dir = path.posix.dirname(f.path); dir !== '.'; dir = path.posix.dirname(dir)) {
        const list = this.dirs.get(dir) ?? [];
        list.push(f.path);
        this.dirs.set(dir, list);
      }
    }
  }

  /** Whether the analysis leaves a module out: a bare specifier that no tsconfig `paths` or `baseUrl` resolves to a file of the project. */
  external(spec: string, from: string): boolean {
    return !spec.startsWith('.') && !spec.startsWith('/') && this.filesOf(spec, from).length === 0;
  }

  filesOf(spec: string, from: string): string[] {
    const out = new Set<string>();
    const add = (target: string) => {
      const normal = path.posix.normalize(target);
      if (normal.startsWith('..')) return;
      // A `.js` specifier may name a `.ts` file; a directory, its index or (through its package.json) any of its files.
      const stem = normal.replace(/\.(c|m)?jsx?$/, '');
      for (const suffix of RESOLVE_SUFFIXES) for (const candidate of [normal + suffix, stem + suffix]) if (this.files.has(candidate)) out.add(candidate);
      for (const file of this.dirs.get(normal) ?? []) out.add(file);
    };
    if (spec.startsWith('.') || spec.startsWith('/')) {
      add(path.posix.join(path.posix.dirname(from), spec));
      return [...out];
    }
    // A package of the project imported by its name (`@acme/lib`, `@acme/lib/x`): the JS/TS
    // analysis resolves it to the package's entry among the run's files, or, when the entry is
    // not one of them, keeps every function the package exports sync. Either way the importer
    // and the whole package join (over-approximated: every file of the package).
    const parts = spec.split('/');
    for (const dir of this.named.get(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!) ?? []) {
      if (dir === '.') for (const file of this.files) out.add(file);
      else for (const file of this.dirs.get(dir) ?? []) out.add(file);
    }
    const base = this.options?.baseUrl ?? this.options?.pathsBase ?? '';
    for (const [pattern, targets] of Object.entries(this.options?.paths ?? {})) {
      const star = pattern.indexOf('*');
      let rest: string | undefined;
      if (star < 0) rest = pattern === spec ? '' : undefined;
      else if (spec.startsWith(pattern.slice(0, star)) && spec.endsWith(pattern.slice(star + 1)) && spec.length >= pattern.length - 1) rest = spec.slice(star, spec.length - (pattern.length - star - 1));
      if (rest === undefined) continue;
      for (const target of targets) add(path.posix.join(base, target.replace('*', rest)));
    }
    if (this.options?.baseUrl !== undefined) add(path.posix.join(base, spec));
    return [...out];
  }
}

/**
 * `baseUrl` and `paths` of the root tsconfig.json, following `extends` of relative files.
 * Without a `baseUrl`, `paths` targets are relative to the config file that declares them
 * (`pathsBase`), as TypeScript resolves them.
 */
function tsconfigOptions(root: string): TsconfigPaths | undefined {
  let file = path.join(root, 'tsconfig.json');
  const out: TsconfigPaths = {};
  for (let depth = 0; depth < 8 && existsSync(file); depth++) {
    const config = parseJsonc(readFileSync(file, 'utf8')) as { extends?: unknown; compilerOptions?: { baseUrl?: unknown; paths?: unknown } } | undefined;
    const dir = path.dirname(file);
    const options = config?.compilerOptions;
    if (out.baseUrl === undefined && typeof options?.baseUrl === 'string') out.baseUrl = path.relative(root, path.resolve(dir, options.baseUrl)) || '.';
    if (out.paths === undefined && options?.paths && typeof options.paths === 'object') {
      out.paths = options.paths as Record<string, string[]>;
      out.pathsBase = path.relative(root, dir) || '.';
    }
    if (typeof config?.extends !== 'string' || !config.extends.startsWith('.')) break;
    file = path.resolve(dir, config.extends.endsWith('.json') ? config.extends : `${config.extends}.json`);
  }
  return out.baseUrl === undefined && out.paths === undefined ? undefined : out;
}

/** JSON with comments and trailing commas, as tsconfig files are written. */
function parseJsonc(text: string): unknown {
  const stripped = text.replace(/("(?:[^"\\]|\\.)*")|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (m, str: string | undefined) => str ?? '').replace(/,(\s*[}\]])/g, '$1');
  try {
    return JSON.parse(stripped) as unknown;
  } catch {
    return undefined;
  }
}

/** Globals whose methods are never the project's (unless the file declares the name). */
const GLOBAL_RECEIVERS = new Set(['console', 'JSON', 'Object', 'Array', 'Math', 'Promise', 'process', 'Reflect', 'Number', 'String', 'Boolean', 'Date', 'Buffer', 'Symbol', 'Error', 'Intl', 'URL', 'URLSearchParams', 'globalThis', 'window', 'document', 'navigator', 'Atomics', 'BigInt', 'Map', 'Set', 'WeakMap', 'WeakSet', 'RegExp', 'performance', 'require', 'import', 'super']);

/**
 * Names a text calls as methods (`x.load(`, `x?.load(`, `a.b.load<T>(`) on a value the
 * JS/TS analysis may not resolve, over-approximated. Left out, as the analysis
 * leaves them out: calls on `this` (they reach the class's own hierarchy, which
 * imports join), on a value rooted in a module that `external(specifier)` says the
 * analysis does not load (`path.join(`, `express.Router(`), and on a global the
 * file does not declare (`JSON.parse(`, `Object.keys(o).map(`).
 */
export function methodCallNames(text: string, external: (specifier: string) => boolean = () => false): Set<string> {
  const externals = new Set<string>();
  const bind = (names: string, spec: string) => {
    if (!external(spec)) return;
    for (const part of names.split(',')) {
      const local = /([A-Za-z_$][\w$]*)\s*$/.exec(part.replace(/^\s*type\s+/, ''));
      if (local) externals.add(local[1]!);
    }
  };
  for (const m of text.matchAll(/\bimport\s+(?:type\s+)?([A-Za-z_$][\w$]*)?\s*,?\s*(?:\*\s*as\s+([A-Za-z_$][\w$]*)|\{([^}]*)\})?\s*from\s*['"]([^'"]+)['"]/g)) {
    bind([m[1], m[2], m[3]?.replace(/[\w$]+\s+as\s+/g, '')].filter(Boolean).join(','), m[4]!);
  }
  for (const m of text.matchAll(/\b(?:const|let|var|import)\s+(?:([A-Za-z_$][\w$]*)|\{([^}]*)\})\s*=\s*require\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    bind(m[1] ?? m[2]!.replace(/[\w$]+\s*:\s*/g, ''), m[3]!);
  }
  const memo = new Map<string, boolean>();
  const declaredNow = (name: string) =>
    new RegExp(
      `\\b(?:function|class)\\s+${name}\\b|\\b(?:const|let|var)\\s+(?:${name}\\b|[{[][^=;]*\\b${name}\\b[^=;]*[}\\]]\\s*=)|\\bimport\\b[^;'"]*\\b${name}\\b[^;'"]*\\bfrom\\b|[(,]\\s*${name}\\s*[,)=:]`,
    ).test(text);
  const declared = (name: string) => memo.get(name) ?? memo.set(name, declaredNow(name)).get(name)!;
  const out = new Set<string>();
  for (const m of text.matchAll(/\.(\s*)([A-Za-z_$][\w$]*)\s*(?:\?\.\s*)?(?:<[^<>()]*>\s*)?\(/g)) {
    // `... end of a sentence.\n  if (x)`: a keyword after a line break is a statement, not a member.
    if (m[1]!.includes('\n') && KEYWORDS.has(m[2]!)) continue;
    // A regular expression literal's methods (`/x/g.test(`), a string's (`'a'.split(`).
    const before = text.slice(text.lastIndexOf('\n', m.index) + 1, m.index);
    if (/['"`]\s*$/.test(before) || /(?:^|[=(,:;!&|?{}[\s])\/(?:[^/\\\n]|\\.)+\/[a-z]*\s*$/.test(before)) continue;
    const root = receiverRoot(text, m.index);
    if (root === 'this' || (root && (externals.has(root) || (GLOBAL_RECEIVERS.has(root) && !declared(root))))) continue;
    out.add(m[2]!);
  }
  return out;
}

const KEYWORDS = new Set(['if', 'for', 'while', 'switch', 'catch', 'return', 'typeof', 'function', 'new', 'do', 'else', 'try', 'with', 'await', 'yield', 'void', 'delete', 'throw', 'case', 'super', 'import', 'class', 'const', 'let', 'var']);

/** The identifier a member chain ending at `dot` starts with (`a` of `a.b?.c.`), or undefined when it starts with a call, an index or anything else. */
function receiverRoot(text: string, dot: number): string | undefined {
  let i = dot;
  for (;;) {
    while (i > 0 && /\s/.test(text[i - 1]!)) i--;
    if (text[i - 1] === '?') i--;
    let start = i;
    while (start > 0 && /[\w$]/.test(text[start - 1]!)) start--;
    if (start === i || /\d/.test(text[start]!)) return undefined;
    let before = start;
    while (before > 0 && /\s/.test(text[before - 1]!)) before--;
    if (text[before - 1] === '.' && text[before - 2] !== '.') {
      i = before - 1;
      continue;
    }
    return text.slice(start, i);
  }
}

/**
 * Every name a text may give a function as a member, over-approximated: a name
 * followed by a parameter list and then `{` or `:` (a declaration or method, with
 * or without a return type); a property, field or variable given a value that
 * may be a function (`load: readConfig`, `load = () =>`, not `type: 'x'` or
 * `count: number`); `.name = value` (attached by assignment). `catch (...) {`, `if (...) {`
 * and `function (...) {` are keywords (a method named like one, such as a
 * thenable's own `catch() {}`, is not seen).
 */
export function memberNameCandidates(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/(?<![.\w$])([A-Za-z_$][\w$]*)['"]?\s*[?!]?\s*(?:(:|=(?![=>]))|(?:<[^<>()]*>\s*)?(\())/g)) {
    const end = m.index + m[0].length;
    if (m[2] ? mayBeFunction(text, end) : !KEYWORDS.has(m[1]!) && /^[{:]/.test(afterParameters(text, end - 1))) out.add(m[1]!);
  }
  for (const m of text.matchAll(/\.\s*([A-Za-z_$][\w$]*)\s*=(?![=>])/g)) if (mayBeFunction(text, m.index + m[0].length)) out.add(m[1]!);
  return out;
}

/** Whether the value (or type) that starts at `at` may be a function: not a literal, an object or array, a construction, or a primitive type. */
function mayBeFunction(text: string, at: number): boolean {
  return !/^\s*(?:['"`\d[{!-]|(?:true|false|null|undefined|new|typeof|void|string|number|boolean|any|unknown|never|object|bigint|symbol)(?![\w$]))/.test(text.slice(at, at + 24));
}

/** The text after the parenthesis that closes the one at `open`, from its first non-space character. */
function afterParameters(text: string, open: number): string {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < text.length && i < open + 4000; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return text.slice(i + 1, i + 40).trimStart();
  }
  return '';
}

/**
 * The files outside the analysed ones that call, as a method on a value the
 * analysis may not resolve (`calls`: each file's names, see methodCallNames), a
 * name of a function the shard made async (`names`: its own names and the
 * property names it is attached under), each with the first such name: the
 * whole-project analysis keeps such a function sync.
 */
export function namesCalledOutside(names: ReadonlySet<string>, calls: ReadonlyMap<string, ReadonlySet<string>>, outside: readonly string[]): { name: string; path: string }[] {
  const sorted = [...names].sort();
  const out: { name: string; path: string }[] = [];
  for (const file of outside) {
    const called = calls.get(file);
    const name = called && sorted.find((n) => called.has(n));
    if (name) out.push({ name, path: file });
  }
  return out;
}

/**
 * The names functions made async can be reached under as members: what their
 * declaring line names (`load() {`, `load: async () =>`, `exports.load = function`,
 * `export default`), a plan name that is a plain name (`Store.load` → `load`;
 * labels such as `GET /items` name no member), and the property names they are
 * attached under elsewhere (`{ fetchConfig: readConfig }`, `x.reader = readConfig`).
 */
export function memberNamesOf(functions: readonly { name: string; path: string; line: number }[], texts: ReadonlyMap<string, string>): Set<string> {
  const own = new Set<string>();
  const lines = new Map<string, string[]>();
  for (const f of functions) {
    const plain = /^[\w$.#]+$/.test(f.name) ? /([A-Za-z_$][\w$]*)$/.exec(f.name) : null;
    if (plain) own.add(plain[1]!);
    const text = texts.get(f.path);
    if (text === undefined) continue;
    if (!lines.has(f.path)) lines.set(f.path, text.split('\n'));
    const line = lines.get(f.path)![f.line - 1] ?? '';
    for (const name of memberNameCandidates(line)) own.add(name);
    if (/\bexport\s+default\b/.test(line)) own.add('default');
  }
  const names = new Set(own);
  if (!own.size) return names;
  const alt = [...own].map((n) => n.replace(/\$/g, '\\$')).join('|');
  const attached = new RegExp(`([A-Za-z_$][\\w$]*)\\s*(?::|=)\\s*(?:${alt})(?![\\w$])`, 'g');
  for (const text of texts.values()) for (const m of text.matchAll(attached)) names.add(m[1]!);
  return names;
}

/**
 * What joins files without an import: TypeScript's global scope, which the type
 * checker resolves calls through.
 * - Script files (no import or export statement; in JS no require() call and no
 *   `module.exports`/`exports.x =`; not .mjs/.cjs/.mts/.cts) share one top-level
 *   scope: they are joined together.
 * - `declare global { ... }` in a module adds names to every file's scope: it joins
 *   the files that mention a name it declares (a member, a key, a declared name).
 * - `declare module 'x' { ... }`: in a module, an augmentation of x (joined with the
 *   package x resolves to; a module the analysis does not load has nothing to
 *   augment); in a script, an ambient module: joined with the files importing 'x'
 *   (`*` patterns match).
 */
class GlobalScope {
  private readonly scripts: string[] = [];
  private readonly globals: { from: string; names: Set<string> }[] = [];
  private readonly ambient: { from: string; pattern: RegExp }[] = [];
  private readonly importers = new Map<string, Set<string>>();
  private readonly pending: { from: string; targets: string[] }[] = [];

  add(file: ShardInputFile, text: string, specs: string[], resolve: (spec: string) => string[]): void {
    const from = file.path;
    for (const spec of specs) {
      const set = this.importers.get(spec) ?? new Set<string>();
      set.add(from);
      this.importers.set(spec, set);
    }
    // TypeScript makes a JS file a CommonJS module when it calls require() or assigns exports.
    const commonJs = /\.jsx?$/.test(file.path) && /\bmodule\.exports\b|\bexports\.[\w$]+\s*=|\brequire\s*\(\s*['"`]/.test(text);
    const script = !/\.[cm][jt]s$/.test(file.path) && !commonJs && !/(^|[\n;])\s*(import\s*[\w*{'"]|export\s)/.test(withoutAmbientBlocks(text));
    if (script) this.scripts.push(from);
    if (!/\bdeclare\s+(global\b|module\s+['"])/.test(text)) return;
    for (const m of text.matchAll(/\bdeclare\s+global\s*\{/g)) {
      const body = balancedBlock(text, m.index + m[0].length - 1);
      const names = new Set<string>();
      for (const n of body.matchAll(/(?:\b(?:var|let|const|function|class|namespace|enum|type|interface)\s+([A-Za-z_$][\w$]*))|(?:([A-Za-z_$][\w$]*)|['"]([^'"\n]+)['"])\s*\??\s*[:(<]/g)) names.add((n[1] ?? n[2] ?? n[3])!);
      this.globals.push({ from, names });
    }
    for (const m of text.matchAll(/\bdeclare\s+module\s+(['"])([^'"\n]+)\1/g)) {
      if (script) this.ambient.push({ from, pattern: new RegExp(`^${m[2]!.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`) });
      else this.pending.push({ from, targets: resolve(m[2]!) });
    }
  }

  join(graph: UnionFind, files: readonly ShardInputFile[], read: (absPath: string) => string): void {
    for (const from of this.scripts) graph.union(this.scripts[0]!, from);
    for (const { from, targets } of this.pending) for (const to of targets) graph.union(from, to);
    for (const { from, pattern } of this.ambient) {
      for (const [spec, packages] of this.importers) if (pattern.test(spec)) for (const p of packages) graph.union(from, p);
    }
    if (!this.globals.length) return;
    const words = this.globals.map((g) => ({ from: g.from, re: wordsRegExp(g.names) }));
    for (const file of files) {
      const text = read(file.absPath);
      for (const { from, re } of words) if (re?.test(text)) graph.union(from, file.path);
    }
  }
}

/** The text without the bodies of `declare module '...' { }` and `declare global { }` (their exports do not make the file a module). */
function withoutAmbientBlocks(text: string): string {
  if (!/\bdeclare\s+(global\b|module\s+['"])/.test(text)) return text;
  let out = '';
  let at = 0;
  for (const m of text.matchAll(/\bdeclare\s+(?:global|module\s+(['"])[^'"\n]+\1)\s*\{/g)) {
    if (m.index < at) continue;
    out += text.slice(at, m.index);
    at = m.index + m[0].length + balancedBlock(text, m.index + m[0].length - 1).length + 1;
  }
  return out + text.slice(at);
}

/** A regular expression that finds any of the names as a whole word (or a key's exact text). */
function wordsRegExp(names: ReadonlySet<string>): RegExp | undefined {
  if (!names.size) return undefined;
  return new RegExp(`(?<![\\w$])(?:${[...names].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?![\\w$])`);
}

/** The text of the `{...}` block opening at `open` (strings skipped roughly). */
function balancedBlock(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return text.slice(open + 1, i);
  }
  return text.slice(open + 1);
}

class UnionFind {
  private readonly parent = new Map<string, string>();
  has(x: string): boolean {
    return this.parent.has(x);
  }
  add(x: string): void {
    if (!this.parent.has(x)) this.parent.set(x, x);
  }
  find(x: string): string {
    this.add(x);
    let r = x;
    while (this.parent.get(r) !== r) r = this.parent.get(r)!;
    for (let y = x; y !== r; ) {
      const next = this.parent.get(y)!;
      this.parent.set(y, r);
      y = next;
    }
    return r;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    // The smaller name is the root: the same components whatever the order of unions.
    if (ra !== rb) (ra < rb ? this.parent.set(rb, ra) : this.parent.set(ra, rb));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What a sharded run reports about itself (JSON `shard`, and a note on stderr). */
export interface ShardSummary {
  index: number;
  count: number;
  fingerprint: string;
  /** The packages with files in this shard's range ('.' for the files outside any package). */
  packages: string[];
  ownedFiles: number;
  analysedFiles: number;
  totalFiles: number;
  /** Why more than the shard's components were analysed, when they were (see ShardWidening). */
  widened?: string[];
}

/**
 * Components added to a shard's analysis after a run of it showed they matter:
 * their files, and why (one reason a round).
 */
export interface ShardWidening {
  files: string[];
  reasons: string[];
}

/** A run of one shard, as the pipeline uses it. */
export interface ShardRun {
  owns(filePath: string): boolean;
  analysed: Set<string>;
  /**
   * After the analysis: a UsageError when the shards cannot give the single run's
   * output; what to analyse as well, and why, when the analysed files could not
   * show this shard something; undefined when the analysis stands.
   */
  check(plan: MigrationPlan, created: readonly string[], analysedTexts: readonly { path: string; text: string }[]): ShardWidening | undefined;
  /** The result restricted to this shard's files, with its summary and note. */
  report(result: MigrateResult): MigrateResult;
}

export class ShardError extends UsageError {}

export function shardRun(
  root: string,
  discovered: readonly { path: string; absPath: string }[],
  languageOf: (absPath: string) => Language,
  spec: ShardSpec,
  widening?: ShardWidening,
): ShardRun {
  const files = discovered.map((f) => ({ path: f.path, absPath: f.absPath, language: languageOf(f.absPath) }));
  const plan = planShard(root, files, spec);
  const analysed = new Set([...plan.analysed, ...(widening?.files ?? [])]);
  const summary: ShardSummary = {
    index: spec.index,
    count: spec.count,
    fingerprint: plan.fingerprint,
    packages: plan.packages.filter((p) => p.shards.includes(spec.index)).map((p) => p.dir || '.'),
    ownedFiles: plan.ownedFiles,
    analysedFiles: analysed.size,
    totalFiles: files.length,
    ...(widening ? { widened: widening.reasons } : {}),
  };
  return {
    owns: plan.owns,
    analysed,
    check(migrationPlan, created, analysedTexts) {
      if (created.length) {
        throw new ShardError(
          `--shard ${spec.index}/${spec.count}: this run creates ${created.join(', ')}, which one run makes for every part of the project that needs it; ` +
            'the shards cannot each make their part of it. Run awaitify without --shard (or migrate the functions that need it first)',
        );
      }
      const js = new Set(files.filter((f) => f.language === 'typescript' && analysed.has(f.path)).map((f) => f.path));
      const made = migrationPlan.asyncFunctions.filter((f) => js.has(f.path));
      if (!made.length) return undefined;
      const names = memberNamesOf(made, new Map(analysedTexts.filter((t) => js.has(t.path)).map((t) => [t.path, t.text])));
      const outside = files.filter((f) => f.language === 'typescript' && !analysed.has(f.path)).map((f) => f.path);
      const hits = namesCalledOutside(names, plan.callNames, outside);
      if (!hits.length) return undefined;
      // The whole-project analysis keeps such a function sync: the components of those calls are analysed too, and the check made again.
      const more = new Set(hits.flatMap((h) => plan.componentFiles(h.path)));
      const reason = `\`.${hits[0]!.name}(\` is called in ${hits[0]!.path}${hits.length > 1 ? ` (and ${hits.length - 1} more file${hits.length > 2 ? 's' : ''})` : ''} on a value awaitify cannot resolve, and may reach a function this shard makes async`;
      return { files: [...(widening?.files ?? []), ...more], reasons: [...(widening?.reasons ?? []), reason] };
    },
    report(result) {
      const owns = <T extends { path: string }>(list: T[]) => list.filter((x) => plan.owns(x.path));
      const findings = owns(result.findings);
      const note =
        `shard ${spec.index}/${spec.count} (partition ${plan.fingerprint}): ${summary.ownedFiles} of ${summary.totalFiles} files ` +
        `(${summary.packages.length ? summary.packages.join(', ') : 'none'}); ${summary.analysedFiles} files analysed` +
        (widening ? `, its packages' and those where ${widening.reasons.join('; then where ')}` : '');
      return {
        ...result,
        findings,
        units: result.units.map((u) => ({ ...u, findings: owns(u.findings) })).filter((u) => u.findings.length),
        plan: { entries: owns(result.plan.entries), asyncFunctions: owns(result.plan.asyncFunctions), awaitedCalls: owns(result.plan.awaitedCalls), boundaries: owns(result.plan.boundaries) },
        suppressed: owns(result.suppressed),
        notes: [...result.notes, note],
        shard: summary,
      };
    },
  };
}
