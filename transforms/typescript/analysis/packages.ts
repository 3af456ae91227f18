// The packages inside a run's root (every package.json nearest to a run file,
// workspaces declared or not), and where a bare specifier naming one of them
// (`@acme/lib`, `@acme/lib/x`) leads among the run's files, as Node would pick
// it: package.json "exports" (the "." entry or the subpath; conditions
// import/require/node/default in the map's order), else "module"/"main", else
// index.*. A built entry that is not among the run's files (dist/ not built, or
// ignored) resolves to nothing: no src/ counterpart is guessed. A declared
// "types" source file (not a .d.ts) is taken only when none of the runtime
// entries is a run file, and entries that lead to different run files (a dual
// package with both builds present) resolve to nothing.
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';
import { ts } from 'ts-morph';

export interface Manifest {
  name?: string;
  private?: boolean;
  main?: string;
  module?: string;
  types?: string;
  typings?: string;
  exports?: unknown;
  bin?: unknown;
  scripts?: Record<string, string>;
}

export interface WorkspacePackage {
  dir: string;
  manifest: Manifest;
}

export function readManifest(path: string): Manifest | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return m && typeof m === 'object' ? (m as Manifest) : undefined;
  } catch {
    return undefined;
  }
}

/** The package each run file belongs to: its nearest package.json at or below the root. */
export class Workspace {
  /** Every package found, by directory (undefined: no readable package.json there). */
  readonly byDir = new Map<string, Manifest | undefined>();
  readonly byName = new Map<string, WorkspacePackage[]>();
  private readonly ofFile = new Map<string, WorkspacePackage | undefined>();
  /** Each package.json looked for, by path: its size and mtime when it was read, or '' when there was none. */
  private readonly stamps = new Map<string, string>();

  constructor(root: string, absPaths: string[]) {
    const rootAbs = nodePath.resolve(root);
    for (const abs of absPaths) {
      let found: WorkspacePackage | undefined;
      for (let dir = nodePath.dirname(nodePath.resolve(abs)); dir.startsWith(rootAbs); dir = nodePath.dirname(dir)) {
        if (!this.byDir.has(dir)) this.addDir(dir);
        const manifest = this.byDir.get(dir);
        if (manifest) found = { dir, manifest };
        if (manifest || dir === rootAbs || nodePath.dirname(dir) === dir) break;
      }
      this.ofFile.set(nodePath.resolve(abs), found);
    }
  }

  private addDir(dir: string): void {
    const path = nodePath.join(dir, 'package.json');
    this.stamps.set(path, manifestStamp(path));
    const manifest = readManifest(path);
    this.byDir.set(dir, manifest);
    if (manifest && typeof manifest.name === 'string' && manifest.name) {
      const list = this.byName.get(manifest.name) ?? [];
      list.push({ dir, manifest });
      this.byName.set(manifest.name, list);
    }
  }

  /** Whether every package.json this index looked for is as it was (same size and mtime, or still absent): a kept model may keep it. */
  unchanged(): boolean {
    for (const [path, stamp] of this.stamps) if (manifestStamp(path) !== stamp) return false;
    return true;
  }

  /** The package a run file belongs to. */
  packageOf(absPath: string): WorkspacePackage | undefined {
    return this.ofFile.get(nodePath.resolve(absPath));
  }

  /** The package a bare specifier names (one only: a name two packages share names none) and the subpath after it. */
  lookup(spec: string): { pkg: WorkspacePackage; sub: string } | undefined {
    const m = /^((?:@[^/]+\/)?[^/@.][^/]*)(?:\/(.*))?$/.exec(spec);
    if (!m) return undefined;
    const pkgs = this.byName.get(m[1]!);
    return pkgs && pkgs.length === 1 ? { pkg: pkgs[0]!, sub: m[2] ?? '' } : undefined;
  }

  /** Whether a bare specifier names a package of the root (shared names included). */
  names(spec: string): WorkspacePackage[] {
    const m = /^((?:@[^/]+\/)?[^/@.][^/]*)(?:\/.*)?$/.exec(spec);
    return (m && this.byName.get(m[1]!)) || [];
  }
}

function manifestStamp(path: string): string {
  const st = statSync(path, { throwIfNoEntry: false });
  return st ? `${st.size}:${st.mtimeMs}` : '';
}

/**
 * The run file a specifier into a package leads to. `resolvePath` answers for
 * one absolute path (with the usual extension and index lookups).
 */
export function packageTarget<F>(pkg: WorkspacePackage, sub: string, resolvePath: (abs: string) => F | undefined): F | undefined {
  const { dir, manifest } = pkg;
  const at = (spec: string) => resolvePath(nodePath.resolve(dir, spec));
  if (manifest.exports !== undefined && manifest.exports !== null) {
    const value = exportsEntry(manifest.exports, sub ? `./${sub}` : '.');
    if (value === undefined) return undefined;
    const runtime = [pick(value, ['import', 'node', 'default']), pick(value, ['require', 'node', 'default'])];
    return oneEntry(runtime, pick(value, ['types', 'typings', 'import', 'require', 'node', 'default']), at);
  }
  if (sub) return at(sub);
  const given = [manifest.module, manifest.main];
  if (!given.some((g) => typeof g === 'string')) return at('index');
  return oneEntry(given, manifest.types ?? manifest.typings, at);
}

/** The one run file every given runtime entry leads to; else a declared types source when no runtime entry is a run file. */
function oneEntry<F>(runtime: unknown[], types: unknown, at: (spec: string) => F | undefined): F | undefined {
  const specs = runtime.filter((s): s is string => typeof s === 'string');
  const found = specs.map(at);
  if (found.length && found.every((f) => f !== undefined && f === found[0])) return found[0];
  if (found.some((f) => f !== undefined)) return undefined;
  if (typeof types === 'string' && !/\.d\.[cm]?ts$/.test(types)) return at(types);
  return undefined;
}

/** The "exports" value for "." or "./sub" (a subpath pattern `./x/*` filled in). */
function exportsEntry(exports: unknown, key: string): unknown {
  const isMap = exports && typeof exports === 'object' && !Array.isArray(exports) && Object.keys(exports).some((k) => k.startsWith('.'));
  if (!isMap) return key === '.' ? exports : undefined;
  const map = exports as Record<string, unknown>;
  if (key in map) return map[key];
  for (const [k, v] of Object.entries(map)) {
    const star = k.indexOf('*');
    if (star < 0) continue;
    const pre = k.slice(0, star);
    const post = k.slice(star + 1);
    if (key.startsWith(pre) && key.endsWith(post) && key.length >= pre.length + post.length) return fill(v, key.slice(pre.length, key.length - post.length));
  }
  return undefined;
}

function fill(value: unknown, rest: string): unknown {
  if (typeof value === 'string') return value.split('*').join(rest);
  if (Array.isArray(value)) return value.map((v) => fill(v, rest));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, rest)]));
  return value;
}

/** The target a conditional exports value gives under these conditions (the first matching key, in the map's order). */
function pick(value: unknown, conditions: string[]): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    for (const v of value) {
      const r = pick(v, conditions);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (!conditions.includes(k)) continue;
      const r = pick(v, conditions);
      if (r !== undefined) return r;
    }
  }
  return undefined;
}

/**
 * Bare specifiers a file's code imports or requires (`from 'x'`, `require('x')`,
 * `import('x')`, `import 'x'`, `import x = require('x')`), when one of them may
 * name a package of the root: the text is searched first (comments included),
 * and only a file with a candidate is walked, so a name in a comment or a
 * string counts for nothing.
 */
export function importedSpecifiers(text: string, sf: ts.SourceFile, mayName: (spec: string) => boolean): string[] {
  const re = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*|\bimport\s+)(['"`])([^'"`\s./][^'"`\s]*)\1/g;
  let candidate = false;
  for (let m = re.exec(text); m && !candidate; m = re.exec(text)) candidate = mayName(m[2]!);
  if (!candidate) return [];
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) out.push(n.moduleSpecifier.text);
    else if (ts.isExternalModuleReference(n) && ts.isStringLiteral(n.expression)) out.push(n.expression.text);
    else if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === 'require'))) {
      const arg = n.arguments[0];
      if (arg && ts.isStringLiteralLike(arg)) out.push(arg.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out.filter(mayName);
}
