// Public API (reported as sync-boundary): functions a library package exports (through package.json
// `main` or `exports`) are called by code awaitify cannot see. Making one async
// hands those callers a promise instead of the value, so under `--api replace`
// it keeps its sync form, with a finding that names the entry, and under
// `--api twin` it keeps its sync form beside a new async twin.
//
// A package is a library when it is published (not `private`), declares an
// entry (`main`, `exports`, or the `index.js` Node falls back to), and is not
// an app: an app's `start` script runs its entry (or it declares no entry at
// all), or its entry starts a server (`.listen(`), or it declares only `bin`
// (a command, which nothing imports). A `start` script that runs something
// else (a CLI beside the library, as json-server has) leaves it a library.
//
// A private package below the root that is not an app and declares an entry
// has callers awaitify cannot see unless every importer by name is a run file:
// when a file the run does not analyse (.html, .vue, .svelte, .astro, .md, .mdx:
// pages, components and docs whose scripts import packages by name) imports it,
// or no run file imports it by name at all, it is treated like a library.
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { ts } from 'ts-morph';
import { discover } from '../../core/discover.js';
import type { GraphBuilder } from '../analysis/graph.js';
import { isFunctionLike, skipOuter, type FileInfo, type FunctionLike, type ProjectModel, type Value } from '../analysis/model.js';
import { importedSpecifiers, type Manifest, type WorkspacePackage } from '../analysis/packages.js';

export const PUBLIC_API_KIND = 'public-api';

/**
 * Adds a stop edge (kind 'public-api') into every function a library package's
 * entry exports, so it keeps its sync form (or a twin). Returns how many.
 */
/** Labels are code (`readConfig`, `createStore().get`) or a phrase for what a factory returns. */
export function markPublicApi(builder: GraphBuilder, model: ProjectModel, files: FileInfo[], root: string): number {
  const packages = model.workspace().byDir;
  let marked = 0;
  const done = new Set<ts.Node>();
  for (const [dir, manifest] of packages) {
    if (!manifest) continue;
    for (const entry of libraryEntries(dir, manifest, model, files)) {
      const rel = relative(dir, entry.file.absPath);
      const spec = entry.spec.replace(/^\.\//, '');
      const label = spec === rel ? `${entry.field} (${rel})` : `${entry.field} (${spec}, from ${rel})`;
      for (const { node, file, name } of exportedFunctions(entry.file, model)) {
        if (done.has(node)) continue;
        done.add(node);
        const info = builder.fn(node, file);
        if (info.graph.alreadyAsync) continue;
        const via = file === entry.file ? '' : ` through ${relative(root, file.absPath)}`;
        builder.addEscapeStop(null, info, node, file, PUBLIC_API_KIND, `${name} is exported by the package's ${label}${via}: making it async changes the public API (the package's users would get a promise instead of the value)`);
        marked++;
      }
    }
  }
  return marked + markUnseenWorkspaceCallers(builder, model, files, root, done) + markPrivatePackages(builder, model, files, root, done);
}

/** Files that are not run files but can import JavaScript by name: pages, components, MDX (and Markdown, whose <script setup> VitePress runs). */
const IMPORTING_EXTENSIONS = new Set(['.html', '.htm', '.vue', '.svelte', '.astro', '.md', '.mdx']);

/**
 * A private package below the root (not an app, with an entry) has callers
 * awaitify cannot see unless every importer by name is a run file: when a file
 * the run does not analyse (an HTML page, a component) imports it by name, or
 * no run file imports it by name at all, its entry's exports keep their sync
 * form, as a library's do. (A published package is a library already.)
 */
function markPrivatePackages(builder: GraphBuilder, model: ProjectModel, files: FileInfo[], root: string, done: Set<ts.Node>): number {
  const workspace = model.workspace();
  const rootAbs = nodePath.resolve(root);
  const candidates = [...workspace.byDir].filter(([dir, m]) => dir !== rootAbs && m?.private === true && typeof m.name === 'string' && m.name);
  if (!candidates.length) return 0;
  const byRun = new Set(importsByName(model, files).flatMap((i) => i.pkgs.map((p) => p.dir)));
  let outsiders: { path: string; text: string }[] | undefined;
  let marked = 0;
  for (const [dir, manifest] of candidates) {
    const name = manifest!.name!;
    const entries = packageEntries(dir, manifest!, model, files);
    if (!entries.length) continue;
    outsiders ??= importingFiles(root, files);
    const importer = outsiders.find((f) => importsName(f.text, name));
    if (!importer && byRun.has(dir)) continue;
    const why = importer
      ? `which ${importer.path} imports by name; awaitify does not analyse that file, so its calls cannot be seen`
      : `a private package no file of the run imports by name, so its callers are not among the run's files`;
    for (const entry of entries) {
      for (const { node, file, name: fn } of exportedFunctions(entry.file, model)) {
        if (done.has(node)) continue;
        done.add(node);
        const info = builder.fn(node, file);
        if (info.graph.alreadyAsync) continue;
        builder.addEscapeStop(null, info, node, file, PUBLIC_API_KIND, `${fn} is exported by the package ${name} (${relative(root, file.absPath)}), ${why}: making it async would hand them a promise instead of the value`);
        marked++;
      }
    }
  }
  return marked;
}

/** The project's files (not run files) that can import JavaScript, walked as the run walks (.gitignore, skipped directories). */
function importingFiles(root: string, files: FileInfo[]): { path: string; text: string }[] {
  const run = new Set(files.map((f) => nodePath.resolve(f.absPath)));
  const out: { path: string; text: string }[] = [];
  for (const found of discover([root], root, IMPORTING_EXTENSIONS, { root }).files) {
    if (run.has(nodePath.resolve(found.absPath))) continue;
    try {
      out.push({ path: found.path, text: readFileSync(found.absPath, 'utf8') });
    } catch {
      // Unreadable: nothing it imports can be known, but nothing can be read either.
    }
  }
  return out;
}

/** Whether text imports a package by name (`from 'name'`, `require('name/x')`, `import('name')`, a script src through the name). */
function importsName(text: string, name: string): boolean {
  if (!text.includes(name)) return false;
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:\\bfrom\\s*|\\brequire\\s*\\(\\s*|\\bimport\\s*\\(\\s*|\\bimport\\s+)(['"\`])${n}(?:/[^'"\`]*)?\\1|\\bsrc\\s*=\\s*['"][^'"]*/${n}[/'"]`).test(text);
}

/** Every import by name of a package of the root in the run's code. */
function importsByName(model: ProjectModel, files: FileInfo[]): { spec: string; from: FileInfo; pkgs: WorkspacePackage[] }[] {
  const workspace = model.workspace();
  return files.flatMap((file) => importedSpecifiers(file.text, file.sf, (s) => workspace.names(s).length > 0).map((spec) => ({ spec, from: file, pkgs: workspace.names(spec) })));
}

/**
 * A package of the root that run code imports by name (`require('@acme/lib')`)
 * where the import leads to no run file (its entry is a build that is not
 * among the run's files): the calls through that import cannot be followed,
 * so every function any file of the package exports keeps its sync form, as a
 * library's public API does. Returns how many.
 */
function markUnseenWorkspaceCallers(builder: GraphBuilder, model: ProjectModel, files: FileInfo[], root: string, done: Set<ts.Node>): number {
  const workspace = model.workspace();
  const unseen = new Map<WorkspacePackage['dir'], { spec: string; from: FileInfo }>();
  for (const { spec, from, pkgs } of importsByName(model, files)) {
    if (model.resolveModule(spec, from)) continue;
    for (const pkg of pkgs) if (!unseen.has(pkg.dir)) unseen.set(pkg.dir, { spec, from });
  }
  if (!unseen.size) return 0;
  let marked = 0;
  for (const file of files) {
    const pkg = workspace.packageOf(file.absPath);
    const seen = pkg && unseen.get(pkg.dir);
    if (!pkg || !seen) continue;
    const shared = workspace.names(seen.spec).length > 1 ? ` (${workspace.names(seen.spec).length} packages of the project have that name: which one it loads depends on how they are installed)` : '';
    const because = shared || ` (${entryText(pkg.manifest, seen.spec)} is not among the run's files: not built, or ignored)`;
    for (const { node, file: at, name } of exportedFunctions(file, model)) {
      if (done.has(node)) continue;
      done.add(node);
      const info = builder.fn(node, at);
      if (info.graph.alreadyAsync) continue;
      builder.addEscapeStop(null, info, node, at, PUBLIC_API_KIND, `${name} is exported by the package ${pkg.manifest.name} (${relative(root, file.absPath)}), which ${relative(root, seen.from.absPath)} imports as '${seen.spec}'; that import leads to no file of the run${because}, so its callers cannot be seen: making it async would hand them a promise instead of the value`);
      marked++;
    }
  }
  return marked;
}

/** What a specifier into a package names in its package.json, for a finding. */
function entryText(manifest: Manifest, spec: string): string {
  const sub = spec.split('/').slice(spec.startsWith('@') ? 2 : 1).join('/');
  if (manifest.exports !== undefined) return `its "exports" entry for '${sub ? `./${sub}` : '.'}'`;
  if (sub) return `'${sub}'`;
  const given = [manifest.module, manifest.main].filter((e): e is string => typeof e === 'string');
  return given.length ? `its entry ${given.map((g) => `'${g}'`).join(' / ')}` : 'its index file';
}

function relative(root: string, abs: string): string {
  return nodePath.relative(root, abs).split(nodePath.sep).join('/');
}

/**
 * Why nothing outside the project can call a run file's functions: its
 * package (nearest package.json) is an application, not a library. `private:
 * true` is never published; an app's `start` script runs its entry, or it
 * declares only `bin`, or its entry starts a server (the tests
 * `packageEntries` makes for an app). Undefined for a library (a published
 * package may be imported by a path into it, not only through its entries),
 * or a file with no package.json (nothing says who may import it).
 */
export function applicationPackage(model: ProjectModel, files: FileInfo[], absPath: string): string | undefined {
  const pkg = model.workspace().packageOf(absPath);
  if (!pkg) return undefined;
  const { manifest } = pkg;
  const name = manifest.name ? `${manifest.name} ` : '';
  if (manifest.private === true) return `its package ${name}is private (package.json \`"private": true\`)`;
  const why = startRunsEntry(manifest)
    ? 'its `start` script runs its entry'
    : !declaredEntries(manifest).length && manifest.bin !== undefined
      ? 'it declares only `bin`'
      : resolvedEntries(pkg.dir, manifest, model, files).some((e) => startsServer(e.file))
        ? 'its entry starts a server'
        : undefined;
  return why && `its package ${name}is an application (${why})`;
}

/** The entry files of a library package (none for an app). */
function libraryEntries(dir: string, manifest: Manifest, model: ProjectModel, files: FileInfo[]): { field: string; spec: string; file: FileInfo }[] {
  return manifest.private === true ? [] : packageEntries(dir, manifest, model, files);
}

/** The entry files of a package that is not an app, published or not. */
function packageEntries(dir: string, manifest: Manifest, model: ProjectModel, files: FileInfo[]): { field: string; spec: string; file: FileInfo }[] {
  if (startRunsEntry(manifest)) return [];
  if (!declaredEntries(manifest).length && manifest.bin !== undefined) return [];
  const out = resolvedEntries(dir, manifest, model, files);
  // An entry that starts a server is an app's, whatever else it exports.
  return out.some((o) => startsServer(o.file)) ? [] : out;
}

function startsServer(file: FileInfo): boolean {
  return /\.listen\s*\(/.test(file.text);
}

/** The entries package.json declares (`main`, the targets of `exports`). */
function declaredEntries(manifest: Manifest): { field: string; spec: string }[] {
  const specs: { field: string; spec: string }[] = [];
  if (typeof manifest.main === 'string') specs.push({ field: 'main', spec: manifest.main });
  for (const spec of exportTargets(manifest.exports)) specs.push({ field: 'exports', spec });
  return specs;
}

/** The run files a package's entries lead to (`index.js` when it declares none). */
function resolvedEntries(dir: string, manifest: Manifest, model: ProjectModel, files: FileInfo[]): { field: string; spec: string; file: FileInfo }[] {
  const specs = declaredEntries(manifest);
  if (!specs.length) specs.push({ field: 'main', spec: 'index.js' });
  const anchor = files[0];
  if (!anchor) return [];
  const out: { field: string; spec: string; file: FileInfo }[] = [];
  for (const { field, spec } of specs) {
    const file = resolveEntry(dir, spec, model, anchor);
    if (file && !out.some((o) => o.file === file)) out.push({ field, spec, file });
  }
  return out;
}

/** Whether `scripts.start` runs the package's own entry (an app started as `node index.js`), or the package declares no entry to run instead. */
function startRunsEntry(manifest: Manifest): boolean {
  const start = manifest.scripts?.start;
  if (start === undefined) return false;
  const entries = [typeof manifest.main === 'string' ? manifest.main : undefined, ...exportTargets(manifest.exports)].filter((e): e is string => Boolean(e));
  if (!entries.length) return true;
  const words = start.split(/[\s;&|]+/).map((w) => w.replace(/^\.\//, '').replace(/\.(c|m)?[jt]s$/, '').replace(/\/index$/, ''));
  return entries.some((e) => words.includes(e.replace(/^\.\//, '').replace(/\.(c|m)?[jt]s$/, '').replace(/\/index$/, '')));
}

function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports];
  if (Array.isArray(exports)) return exports.flatMap(exportTargets);
  if (exports && typeof exports === 'object') {
    return Object.entries(exports as Record<string, unknown>)
      .filter(([k]) => k !== './package.json' && k !== 'types')
      .flatMap(([, v]) => exportTargets(v));
  }
  return [];
}

/** The project file an entry spec names; `dist/x.js` of a TypeScript build is looked up as `src/x.ts`. */
function resolveEntry(dir: string, spec: string, model: ProjectModel, anchor: FileInfo): FileInfo | undefined {
  if (spec.includes('*')) return undefined;
  const abs = nodePath.resolve(dir, spec);
  const direct = model.resolveModule(abs, anchor);
  if (direct) return direct;
  const rel = nodePath.relative(dir, abs).split(nodePath.sep);
  if (['dist', 'build', 'lib', 'out'].includes(rel[0] ?? '')) {
    return model.resolveModule(nodePath.join(dir, 'src', ...rel.slice(1)).replace(/\.(c|m)?js$/, '.$1ts'), anchor) ?? model.resolveModule(nodePath.join(dir, 'src', ...rel.slice(1)), anchor);
  }
  return undefined;
}

/** Functions a module exports: exported functions, methods of exported objects and classes, what exported factories return. */
function exportedFunctions(file: FileInfo, model: ProjectModel): { node: FunctionLike; file: FileInfo; name: string }[] {
  const out: { node: FunctionLike; file: FileInfo; name: string }[] = [];
  const seen = new Set<ts.Node>();
  const visitedFiles = new Set<FileInfo>();
  const fromValue = (v: Value | undefined, name: string, depth: number): void => {
    if (!v || depth > 4) return;
    if (v.kind === 'function') {
      if (seen.has(v.node)) return;
      seen.add(v.node);
      const own = (name.endsWith('()') ? '' : name) || ownName(v.node) || 'module.exports';
      const label = name.endsWith('()') ? `the function \`${name}\` returns` : `\`${own}\``;
      out.push({ node: v.node, file: v.file, name: label });
      // A factory: what it returns is API too.
      for (const ret of returnedValues(v.node)) fromExpression(ret, v.file, `${own}()`, depth + 1);
      return;
    } else if (v.kind === 'object') {
      if (seen.has(v.node)) return;
      seen.add(v.node);
      for (const p of v.node.properties) {
        const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
        if (!key) continue;
        if (ts.isMethodDeclaration(p) && p.body) fromValue({ kind: 'function', node: p, file: v.file }, member(name, key), depth + 1);
        else if (ts.isPropertyAssignment(p)) fromExpression(p.initializer, v.file, member(name, key), depth + 1);
        else if (ts.isShorthandPropertyAssignment(p)) fromExpression(p.name, v.file, member(name, key), depth + 1);
      }
    } else if (v.kind === 'class' || v.kind === 'instance') {
      if (seen.has(v.node)) return;
      seen.add(v.node);
      for (const m of v.node.members) {
        if (!ts.isMethodDeclaration(m) || !m.body || !ts.isIdentifier(m.name)) continue;
        const mods = ts.getModifiers(m) ?? [];
        if (mods.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword) || m.name.text.startsWith('_')) continue;
        const owner = name || (v.node.name ? v.node.name.text : 'module.exports');
        out.push({ node: m, file: v.file, name: `\`${owner}${v.kind === 'class' && !mods.some((x) => x.kind === ts.SyntaxKind.StaticKeyword) ? '.prototype' : ''}.${m.name.text}\`` });
      }
    } else if (v.kind === 'module') {
      fromModule(v.file, depth + 1);
    }
  };
  const fromExpression = (expr: ts.Expression, in_: FileInfo, name: string, depth: number): void => {
    const e = skipOuter(expr);
    if (isFunctionLike(e)) return fromValue({ kind: 'function', node: e as FunctionLike, file: in_ }, name, depth);
    fromValue(model.valueOf(e), name, depth);
  };
  const fromModule = (f: FileInfo, depth: number): void => {
    if (visitedFiles.has(f) || depth > 4) return;
    visitedFiles.add(f);
    const ex = model.exportsOf(f);
    for (const [name, get] of ex.named) fromValue(get(), name === 'default' ? 'default export' : name, depth);
    if (ex.cjs) fromExpression(ex.cjs, f, '', depth);
    for (const spec of ex.stars) {
      const target = model.resolveModule(spec, f);
      if (target) fromModule(target, depth + 1);
    }
  };
  fromModule(file, 0);
  return out;
}

function member(owner: string, key: string): string {
  return owner ? `${owner}.${key}` : key;
}

function ownName(node: FunctionLike): string | undefined {
  return (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node)) && node.name ? node.name.text : undefined;
}

/** Expressions a function returns (an arrow's expression body, `return x;` outside nested functions). */
function returnedValues(fn: FunctionLike): ts.Expression[] {
  const body = fn.body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const out: ts.Expression[] = [];
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    ts.forEachChild(n, visit);
  };
  visit(body);
  return out;
}

export const PUBLIC_API_ADVICE = 'Use --api twin to keep the sync function and add an async twin beside it for callers that can await, or make the breaking change on purpose (a major release) by hand.';
