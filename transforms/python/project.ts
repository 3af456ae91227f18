// The project index: modules (by dotted path), their functions, classes and
// imports, and name resolution across modules the way Python's import system
// would resolve them (absolute and relative imports, aliases, re-exports).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PyNode as Node, PyTree as Tree } from './tree.js';
import type { SourceText } from '../core/types.js';
import { childrenOf, dottedParts, field, isAsyncDef } from './parser.js';

export interface PyImport {
  /** The name the import binds in its scope. */
  local: string;
  /** Absolute dotted module path. */
  module: string;
  /** For `from module import name`; absent for `import module`. */
  name?: string;
  node: Node;
}

export interface PyFunction {
  /** `path::qualname`, unique in the project. */
  id: string;
  name: string;
  qualname: string;
  node: Node;
  /** The decorated_definition around the function, or the function itself. */
  outer: Node;
  body: Node;
  module: PyModule;
  cls?: PyClass;
  parent?: PyFunction;
  isAsync: boolean;
  decorators: Node[];
  params: Node[];
  paramNames: string[];
  /** Names bound in the function's own scope (parameters included). */
  locals: Set<string>;
  /** Names declared `global` (they refer to the module scope). */
  globals: Set<string>;
  nested: Map<string, PyFunction>;
  /**
   * Names the function binds by an import in its own body (`from app.views import helper`
   * inside a def, often to break an import cycle), resolved as the module-level import would
   * be; `null` when the name is also bound another way in the function (ambiguous).
   */
  imports?: Map<string, PyImport | null>;
}

export interface PyClass {
  name: string;
  qualname: string;
  node: Node;
  outer: Node;
  body: Node;
  module: PyModule;
  bases: Node[];
  decorators: Node[];
  methods: Map<string, PyFunction>;
  /** Class-level `name = value` assignments. */
  attrs: Map<string, Node>;
}

export interface PyModule {
  path: string;
  absPath: string;
  /** Dotted names the module is importable as (root-relative, and relative to the manage.py directory or src/). */
  dotted: string[];
  isPackage: boolean;
  text: string;
  tree: Tree;
  root: Node;
  imports: Map<string, PyImport>;
  functions: PyFunction[];
  topFunctions: Map<string, PyFunction>;
  classes: PyClass[];
  topClasses: Map<string, PyClass>;
  /** Names assigned at module level other than by def/class/import (shadowing). */
  assigned: Map<string, Node[]>;
}

export type Resolved =
  | { kind: 'function'; fn: PyFunction }
  | { kind: 'class'; cls: PyClass }
  | { kind: 'module'; module: PyModule }
  | { kind: 'external'; name: string };

export interface Project {
  root: string;
  modules: PyModule[];
  byDotted: Map<string, PyModule>;
  byPath: Map<string, PyModule>;
  functions: PyFunction[];
  classes: PyClass[];
}

/** Directories a module path is taken relative to: the root, each manage.py directory, src/. */
function importRoots(root: string, files: SourceText[]): string[] {
  const roots = new Set<string>(['']);
  for (const f of files) {
    if (f.path === 'manage.py' || f.path.endsWith('/manage.py')) roots.add(path.posix.dirname(f.path) === '.' ? '' : path.posix.dirname(f.path));
  }
  if (existsSync(path.join(root, 'manage.py'))) roots.add('');
  for (const f of files) if (f.path.startsWith('src/')) roots.add('src');
  for (const r of srcLayoutRoots(root, files)) roots.add(r);
  return [...roots];
}

const PACKAGE_MANIFESTS = ['pyproject.toml', 'setup.py', 'setup.cfg'];

/**
 * The manage.py that makes the module at `relPath` part of a Django application, the nearest
 * directory at or above the module's (up to the root) that holds one: a project run with
 * manage.py is not imported by other code, even when a pyproject.toml beside it publishes it
 * (wger, pretalx install to run). Undefined when a package manifest (pyproject.toml, setup.py,
 * setup.cfg) is met first, below any manage.py (a package of its own, which others may import),
 * or when there is no manage.py at all (a reusable app or a library).
 */
export function djangoApplicationOf(root: string, relPath: string): string | undefined {
  const owner = packageOwnerOf(root, relPath);
  return owner?.kind === 'application' ? owner.file : undefined;
}

/**
 * The published package (its manifest) the module at `relPath` belongs to: the nearest
 * manifest at or above the module's folder with no Django application's manage.py met first.
 * Its public functions are the package's API, which code outside the project imports.
 * Undefined for a module of a Django application or one with neither above it.
 */
export function publishedPackageOf(root: string, relPath: string): string | undefined {
  const owner = packageOwnerOf(root, relPath);
  return owner?.kind === 'package' ? owner.file : undefined;
}

/**
 * The nearest manage.py or package manifest at or above a module's folder. A manage.py beside
 * a manifest makes an application (wger, pretalx publish a project to install and run), unless
 * it is the test project of a reusable app: its settings module lies in a test package
 * (`DJANGO_SETTINGS_MODULE` `tickets.tests.settings`, `testproject.settings`); then the
 * manifest wins.
 */
function packageOwnerOf(root: string, relPath: string): { kind: 'application' | 'package'; file: string } | undefined {
  const parts = relPath.split('/').slice(0, -1);
  for (let i = parts.length; i >= 0; i--) {
    const dir = parts.slice(0, i).join('/');
    const abs = path.join(root, dir);
    const at = (name: string) => (dir ? `${dir}/${name}` : name);
    const manifest = PACKAGE_MANIFESTS.find((m) => declaresPackage(path.join(abs, m)));
    if (existsSync(path.join(abs, 'manage.py')) && !(manifest && isTestProjectManage(path.join(abs, 'manage.py')))) {
      return { kind: 'application', file: at('manage.py') };
    }
    if (manifest) return { kind: 'package', file: at(manifest) };
  }
  return undefined;
}

/**
 * Whether a manifest file declares a package others can install: any setup.py; a
 * pyproject.toml with a `[project]`, `[tool.poetry]` or `[tool.flit.metadata]` table; a
 * setup.cfg with `[metadata]` or `[options]`. A pyproject.toml or setup.cfg that only
 * configures tools (ruff, pytest, flake8) publishes nothing.
 */
function declaresPackage(file: string): boolean {
  if (!existsSync(file)) return false;
  if (file.endsWith('setup.py')) return true;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return true;
  }
  const tables = file.endsWith('setup.cfg') ? /^[ \t]*\[(metadata|options)\][ \t]*$/m : /^[ \t]*\[(project|tool\.poetry|tool\.flit\.metadata)\][ \t]*(#.*)?$/m;
  return tables.test(text.replace(/\r/g, ''));
}

/** A manage.py whose default settings module lies in a test package (a segment test, tests, test_*, *_tests, testproject, testapp). */
function isTestProjectManage(file: string): boolean {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return false;
  }
  const settings = /DJANGO_SETTINGS_MODULE["']\s*,\s*["']([\w.]+)["']/.exec(text)?.[1];
  return !!settings && settings.split('.').slice(0, -1).some((seg) => /^tests?$|^tests?_|_tests?$|^test(?:project|app|site)s?$/i.test(seg));
}

/**
 * `<pkg>/src` of each directory below the root that declares a package
 * (pyproject.toml, setup.py or setup.cfg) and keeps its code under src/: its
 * modules are importable by the names below src/, as `pip install -e <pkg>`
 * makes them.
 */
function srcLayoutRoots(root: string, files: SourceText[]): string[] {
  const found = new Map<string, boolean>();
  for (const f of files) {
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length - 1; i++) {
      if (parts[i] !== 'src') continue;
      const pkg = parts.slice(0, i).join('/');
      if (!found.has(pkg)) found.set(pkg, PACKAGE_MANIFESTS.some((m) => existsSync(path.join(root, pkg, m))));
    }
  }
  return [...found].filter(([, declared]) => declared).map(([pkg]) => `${pkg}/src`);
}

export function dottedNamesFor(relPath: string, roots: string[]): { names: string[]; isPackage: boolean } {
  const noExt = relPath.replace(/\.py$/, '');
  const isPackage = /(^|\/)__init__$/.test(noExt);
  const modulePath = isPackage ? noExt.replace(/\/?__init__$/, '') : noExt;
  const names: string[] = [];
  for (const r of roots) {
    if (r === '' || modulePath.startsWith(`${r}/`)) {
      const rel = r === '' ? modulePath : modulePath.slice(r.length + 1);
      if (rel && /^[A-Za-z_][\w/]*$/.test(rel)) names.push(rel.split('/').join('.'));
    }
  }
  return { names, isPackage };
}

export function buildProject(root: string, files: SourceText[], trees: Map<string, Tree>): Project {
  const builder = new ProjectBuilder(root, files);
  for (const file of files) {
    const tree = trees.get(file.path);
    if (tree) builder.add(file, tree);
  }
  return builder.finish(files, trees);
}

/**
 * A project built a file at a time, while the other files are still being
 * parsed. Modules are indexed with the import roots of every file given at
 * the start; when a file is then left out (it does not parse) and the roots
 * of the files kept differ, `finish` builds the project again from those, so
 * the result is always `buildProject`'s.
 */
export class ProjectBuilder {
  private readonly roots: string[];
  private readonly project: Project;

  constructor(
    private readonly root: string,
    private readonly files: SourceText[],
  ) {
    this.roots = importRoots(root, files);
    this.project = { root, modules: [], byDotted: new Map(), byPath: new Map(), functions: [], classes: [] };
  }

  /** Adds the next file (in the order of the files given), with its tree. */
  add(file: SourceText, tree: Tree): void {
    const { project } = this;
    const { names, isPackage } = dottedNamesFor(file.path, this.roots);
    const module: PyModule = {
      path: file.path,
      absPath: file.absPath,
      dotted: names,
      isPackage,
      text: file.text,
      tree,
      root: tree.rootNode,
      imports: new Map(),
      functions: [],
      topFunctions: new Map(),
      classes: [],
      topClasses: new Map(),
      assigned: new Map(),
    };
    indexModule(module);
    project.modules.push(module);
    project.byPath.set(module.path, module);
    // Longer names (root-relative) first; the manage.py-relative name wins a clash.
    for (const n of names) project.byDotted.set(n, module);
    project.functions.push(...module.functions);
    project.classes.push(...module.classes);
  }

  /**
   * The project, its import roots taken from `used` (`buildProject`'s files):
   * the files added, in the same order, each with its tree in `trees`.
   */
  finish(used: SourceText[], trees: Map<string, Tree>): Project {
    const roots = used === this.files ? this.roots : importRoots(this.root, used);
    if (roots.length === this.roots.length && roots.every((r, i) => r === this.roots[i])) return this.project;
    const again = new ProjectBuilder(this.root, used);
    for (const file of used) {
      const tree = trees.get(file.path);
      if (tree) again.add(file, tree);
    }
    return again.project;
  }
}

/** The package a module's relative imports are relative to. */
function packageOf(module: PyModule): string {
  const own = module.dotted[module.dotted.length - 1] ?? '';
  return module.isPackage ? own : own.split('.').slice(0, -1).join('.');
}

function indexModule(module: PyModule): void {
  const pkg = packageOf(module);
  walkScope(module.root, (node) => {
    if (node.type === 'import_statement' || node.type === 'import_from_statement') {
      for (const imp of importsOf(node, pkg)) module.imports.set(imp.local, imp);
    }
  });
  for (const stmt of childrenOf(module.root)) collectAssigned(stmt, module.assigned);
  indexBlock(module, module.root, undefined, undefined, '');
}

/** Visits statements of a scope, descending into if/try/with/for blocks but not into defs or classes. */
function walkScope(node: Node, visit: (n: Node) => void): void {
  for (const child of childrenOf(node)) {
    visit(child);
    if (child.type === 'function_definition' || child.type === 'class_definition' || child.type === 'decorated_definition') continue;
    if (/_statement$|^block$|_clause$|^else_clause$|^elif_clause$|^except_clause$|^finally_clause$/.test(child.type)) walkScope(child, visit);
  }
}

export function importsOf(node: Node, pkg: string): PyImport[] {
  const out: PyImport[] = [];
  if (node.type === 'import_statement') {
    for (const item of childrenOf(node)) {
      if (item.type === 'dotted_name') {
        out.push({ local: item.text.split('.')[0], module: item.text.split('.')[0], node });
      } else if (item.type === 'aliased_import') {
        const name = field(item, 'name');
        const alias = field(item, 'alias');
        if (name && alias) out.push({ local: alias.text, module: name.text, node });
      }
    }
    return out;
  }
  const moduleNode = field(node, 'module_name');
  if (!moduleNode) return out;
  let base: string;
  if (moduleNode.type === 'relative_import') {
    const prefix = childrenOf(moduleNode).find((c) => c.type === 'import_prefix')?.text ?? '.';
    const rest = childrenOf(moduleNode).find((c) => c.type === 'dotted_name')?.text;
    const parts = pkg ? pkg.split('.') : [];
    const up = prefix.length - 1;
    const anchor = parts.slice(0, Math.max(0, parts.length - up)).join('.');
    base = [anchor, rest].filter(Boolean).join('.');
  } else {
    base = moduleNode.text;
  }
  for (const item of node.childrenForFieldName('name')) {
    if (!item) continue;
    if (item.type === 'dotted_name') out.push({ local: item.text, module: base, name: item.text, node });
    else if (item.type === 'aliased_import') {
      const name = field(item, 'name');
      const alias = field(item, 'alias');
      if (name && alias) out.push({ local: alias.text, module: base, name: name.text, node });
    }
  }
  return out;
}

function collectAssigned(stmt: Node, into: Map<string, Node[]>): void {
  const visit = (n: Node) => {
    if (n.type === 'expression_statement') {
      for (const c of childrenOf(n)) {
        if (c.type === 'assignment' || c.type === 'augmented_assignment') {
          const left = field(c, 'left');
          if (left) for (const name of boundNames(left)) push(into, name, c);
        }
      }
    }
  };
  walkScope({ namedChildren: [stmt] } as unknown as Node, visit);
}

/** Identifiers bound by an assignment target. */
export function boundNames(target: Node): string[] {
  if (target.type === 'identifier') return [target.text];
  if (['pattern_list', 'tuple_pattern', 'list_pattern', 'expression_list', 'tuple', 'list', 'list_splat_pattern', 'parenthesized_expression', 'as_pattern_target'].includes(target.type)) {
    return childrenOf(target).flatMap(boundNames);
  }
  return [];
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function indexBlock(module: PyModule, block: Node, cls: PyClass | undefined, parent: PyFunction | undefined, prefix: string): void {
  walkScope(block, (node) => {
    let def = node;
    let decorators: Node[] = [];
    if (node.type === 'decorated_definition') {
      decorators = childrenOf(node).filter((c) => c.type === 'decorator');
      def = field(node, 'definition') ?? node;
    } else if (node.parent?.type === 'decorated_definition') {
      return;
    }
    if (def.type === 'function_definition') {
      const fn = makeFunction(module, def, node, decorators, cls, parent, prefix);
      module.functions.push(fn);
      if (cls) cls.methods.set(fn.name, fn);
      else if (parent) parent.nested.set(fn.name, fn);
      else module.topFunctions.set(fn.name, fn);
      indexBlock(module, fn.body, undefined, fn, `${fn.qualname}.`);
    } else if (def.type === 'class_definition') {
      const name = field(def, 'name')?.text ?? '?';
      const body = field(def, 'body')!;
      const superclasses = field(def, 'superclasses');
      const c: PyClass = {
        name,
        qualname: `${prefix}${name}`,
        node: def,
        outer: node,
        body,
        module,
        bases: childrenOf(superclasses).filter((b) => b.type !== 'keyword_argument' && b.type !== 'comment'),
        decorators,
        methods: new Map(),
        attrs: new Map(),
      };
      for (const stmt of childrenOf(body)) {
        if (stmt.type !== 'expression_statement') continue;
        const a = childrenOf(stmt)[0];
        if (a?.type === 'assignment') {
          const left = field(a, 'left');
          const right = field(a, 'right');
          if (left?.type === 'identifier' && right) c.attrs.set(left.text, right);
        }
      }
      module.classes.push(c);
      if (!cls && !parent) module.topClasses.set(name, c);
      indexBlock(module, body, c, parent, `${c.qualname}.`);
    }
  });
}

function makeFunction(
  module: PyModule,
  def: Node,
  outer: Node,
  decorators: Node[],
  cls: PyClass | undefined,
  parent: PyFunction | undefined,
  prefix: string,
): PyFunction {
  const name = field(def, 'name')?.text ?? '?';
  const params = childrenOf(field(def, 'parameters'));
  const paramNames = params.map(paramName).filter((n): n is string => Boolean(n));
  const fn: PyFunction = {
    id: `${module.path}::${prefix}${name}`,
    name,
    qualname: `${prefix}${name}`,
    node: def,
    outer,
    body: field(def, 'body')!,
    module,
    cls,
    parent,
    isAsync: isAsyncDef(def),
    decorators: decorators.map((d) => childrenOf(d)[0]).filter(Boolean),
    params,
    paramNames,
    locals: new Set(paramNames),
    globals: new Set(),
    nested: new Map(),
  };
  collectLocals(fn.body, fn);
  if (fn.imports) {
    // A name an import binds is resolved through it only when nothing else in the function
    // (a parameter, an assignment, a loop target, a def) binds it too.
    const others: PyFunction = { ...fn, locals: new Set(paramNames), globals: new Set(), nested: new Map(), imports: undefined };
    collectLocals(fn.body, others, true);
    for (const [local, imp] of fn.imports) {
      if (fn.globals.has(local)) fn.imports.delete(local);
      else if (imp && others.locals.has(local)) fn.imports.set(local, null);
    }
  }
  return fn;
}

export function paramName(p: Node): string | undefined {
  if (p.type === 'identifier') return p.text;
  if (p.type === 'typed_parameter') return childrenOf(p).find((c) => c.type === 'identifier')?.text ?? boundNames(childrenOf(p)[0]!)[0];
  if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') return field(p, 'name')?.text;
  if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') return childrenOf(p)[0]?.text;
  return undefined;
}

/**
 * Names bound in a function body (not inside nested defs, classes or lambdas); the names its
 * imports bind are also recorded in `fn.imports` (left out when `skipImports`).
 */
function collectLocals(node: Node, fn: PyFunction, skipImports = false): void {
  for (const child of childrenOf(node)) {
    switch (child.type) {
      case 'function_definition':
      case 'class_definition': {
        const n = field(child, 'name');
        if (n) fn.locals.add(n.text);
        continue;
      }
      case 'decorated_definition': {
        const n = field(field(child, 'definition')!, 'name');
        if (n) fn.locals.add(n.text);
        continue;
      }
      case 'lambda':
        continue;
      case 'global_statement':
        for (const id of childrenOf(child)) fn.globals.add(id.text);
        continue;
      case 'assignment':
      case 'augmented_assignment': {
        const left = field(child, 'left');
        if (left) for (const n of boundNames(left)) fn.locals.add(n);
        break;
      }
      case 'for_statement':
      case 'for_in_clause': {
        const left = field(child, 'left');
        if (left) for (const n of boundNames(left)) fn.locals.add(n);
        break;
      }
      case 'as_pattern_target':
        for (const n of boundNames(child)) fn.locals.add(n);
        break;
      case 'as_pattern': {
        const alias = field(child, 'alias');
        if (alias) for (const n of boundNames(alias)) fn.locals.add(n);
        break;
      }
      case 'named_expression': {
        const n = field(child, 'name');
        if (n) fn.locals.add(n.text);
        break;
      }
      case 'import_statement':
      case 'import_from_statement':
        if (skipImports) continue;
        for (const imp of importsOf(child, packageOf(fn.module))) {
          fn.locals.add(imp.local);
          if (!fn.imports) fn.imports = new Map();
          // Two imports of one name: ambiguous.
          fn.imports.set(imp.local, fn.imports.has(imp.local) ? null : imp);
        }
        continue;
      case 'except_clause':
        for (const c of childrenOf(child)) if (c.type === 'as_pattern') for (const n of boundNames(field(c, 'alias') ?? c)) fn.locals.add(n);
        break;
    }
    collectLocals(child, fn, skipImports);
  }
  for (const g of fn.globals) fn.locals.delete(g);
}

// ---- resolution ----

const BUILTINS = new Set(['open', 'list', 'len', 'print', 'input', 'sorted', 'map', 'filter', 'dict', 'set', 'tuple', 'iter', 'next', 'bool', 'sum', 'any', 'all', 'min', 'max', 'enumerate', 'zip', 'isinstance', 'getattr', 'setattr', 'hasattr', 'super', 'str', 'int', 'float', 'range', 'type']);

/** What an expression names: a project function/class/module, or an external dotted name. */
// Resolutions are remembered: a project does not change once built, and the same
// expressions are resolved again by every rule and every call-graph round (a
// third of a saleor run's analysis). `null` records "does not resolve"; the
// first key is the scope (or, at module level, the module), the second the node's id.
// A name resolves alike wherever it stands in its scope: names are remembered by
// scope and name (scopeNameCache; at module level moduleNameCache), not once per
// node (an entry per identifier node held most of the 39 MB of this cache on saleor).
const exprCache = new WeakMap<PyFunction | PyModule, Map<number, Resolved | null>>();
const moduleNameCache = new WeakMap<PyModule, Map<string, Resolved | null>>();
const scopeNameCache = new WeakMap<PyFunction, Map<string, Resolved | null>>();

export function resolveExpr(project: Project, module: PyModule, scope: PyFunction | undefined, node: Node): Resolved | undefined {
  if (scope && scope.module !== module) return computeExpr(project, module, scope, node);
  if (node.type === 'identifier') return scope ? scopeName(project, scope, node.text) : moduleLevelName(project, module, node.text);
  const owner = scope ?? module;
  let byNode = exprCache.get(owner);
  if (!byNode) exprCache.set(owner, (byNode = new Map()));
  const id = node.id;
  const cached = byNode.get(id);
  if (cached !== undefined) return cached ?? undefined;
  const r = computeExpr(project, module, scope, node);
  byNode.set(id, r ?? null);
  return r;
}

function computeExpr(project: Project, module: PyModule, scope: PyFunction | undefined, node: Node): Resolved | undefined {
  const type = node.type;
  if (type === 'identifier') return resolveName(project, module, scope, node.text);
  if (type === 'attribute') {
    const object = field(node, 'object');
    const attr = field(node, 'attribute');
    if (!object || !attr) return undefined;
    const base = resolveExpr(project, module, scope, object);
    if (!base) return undefined;
    return memberOf(project, base, attr.text);
  }
  return undefined;
}

export function resolveName(project: Project, module: PyModule, scope: PyFunction | undefined, name: string): Resolved | undefined {
  for (let fn = scope; fn; fn = fn.parent) {
    if (fn.globals.has(name)) break;
    if (fn.locals.has(name)) {
      const nested = fn.nested.get(name);
      if (nested) return { kind: 'function', fn: nested };
      const imp = fn.imports?.get(name);
      return imp ? resolveImport(project, imp, []) : undefined;
    }
  }
  return moduleLevelName(project, module, name);
}

/** A name in a function's scope (the function's module), remembered per function. */
function scopeName(project: Project, scope: PyFunction, name: string): Resolved | undefined {
  let byName = scopeNameCache.get(scope);
  if (!byName) scopeNameCache.set(scope, (byName = new Map()));
  const cached = byName.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const r = resolveName(project, scope.module, scope, name);
  byName.set(name, r ?? null);
  return r;
}

/** A module-level name, resolved from scratch (no import cycle passed through yet). */
function moduleLevelName(project: Project, module: PyModule, name: string): Resolved | undefined {
  let byName = moduleNameCache.get(module);
  if (!byName) moduleNameCache.set(module, (byName = new Map()));
  const cached = byName.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const r = resolveModuleName(project, module, name, []);
  byName.set(name, r ?? null);
  return r;
}

/** The module-level names one resolution has passed through (an import cycle ends there); a few at most. */
type Visited = { module: PyModule; name: string }[];

function resolveModuleName(project: Project, module: PyModule, name: string, seen: Visited): Resolved | undefined {
  // Compared by identity, not by a "path:name" key: building that string was 6% of a saleor run.
  if (seen.some((v) => v.module === module && v.name === name)) return undefined;
  seen.push({ module, name });
  // A module-level rebinding makes the name ambiguous: leave it alone.
  const rebound = module.assigned.has(name);
  const fn = module.topFunctions.get(name);
  if (fn) return rebound ? undefined : { kind: 'function', fn };
  const cls = module.topClasses.get(name);
  if (cls) return rebound ? undefined : { kind: 'class', cls };
  const imp = module.imports.get(name);
  if (imp) return rebound ? undefined : resolveImport(project, imp, seen);
  if (rebound) return undefined;
  if (BUILTINS.has(name)) return { kind: 'external', name: `builtins.${name}` };
  return undefined;
}

function resolveImport(project: Project, imp: PyImport, seen: Visited): Resolved | undefined {
  if (imp.name === undefined) {
    const mod = project.byDotted.get(imp.module);
    return mod ? { kind: 'module', module: mod } : { kind: 'external', name: imp.module };
  }
  const mod = project.byDotted.get(imp.module);
  if (mod) {
    const inner = resolveModuleName(project, mod, imp.name, seen);
    if (inner) return inner;
    const sub = project.byDotted.get(`${imp.module}.${imp.name}`);
    if (sub) return { kind: 'module', module: sub };
    return undefined;
  }
  const sub = project.byDotted.get(`${imp.module}.${imp.name}`);
  if (sub) return { kind: 'module', module: sub };
  return { kind: 'external', name: imp.module ? `${imp.module}.${imp.name}` : imp.name };
}

export function memberOf(project: Project, base: Resolved, attr: string): Resolved | undefined {
  switch (base.kind) {
    case 'external':
      return { kind: 'external', name: `${base.name}.${attr}` };
    case 'module': {
      const r = moduleLevelName(project, base.module, attr);
      if (r) return r;
      for (const d of base.module.dotted) {
        const sub = project.byDotted.get(`${d}.${attr}`);
        if (sub) return { kind: 'module', module: sub };
      }
      return undefined;
    }
    case 'class': {
      const m = findMethod(project, base.cls, attr);
      return m ? { kind: 'function', fn: m } : undefined;
    }
    default:
      return undefined;
  }
}

/** A method defined on the class or a project base class (MRO approximated depth-first). */
const methodCache = new WeakMap<PyClass, Map<string, PyFunction | null>>();

/** A class's method by name, its own or inherited through project classes (remembered, as resolutions are). */
export function findMethod(project: Project, cls: PyClass, name: string): PyFunction | undefined {
  const own = cls.methods.get(name);
  if (own) return own;
  let byName = methodCache.get(cls);
  if (!byName) methodCache.set(cls, (byName = new Map()));
  const cached = byName.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const m = searchMethod(project, cls, name, new Set());
  byName.set(name, m ?? null);
  return m;
}

function searchMethod(project: Project, cls: PyClass, name: string, seen: Set<PyClass>): PyFunction | undefined {
  if (seen.has(cls)) return undefined;
  seen.add(cls);
  const own = cls.methods.get(name);
  if (own) return own;
  for (const base of cls.bases) {
    const r = resolveExpr(project, cls.module, undefined, base);
    if (r?.kind === 'class') {
      const m = searchMethod(project, r.cls, name, seen);
      if (m) return m;
    }
  }
  return undefined;
}

/** External dotted names of every ancestor (through project classes). */
export function externalAncestors(project: Project, cls: PyClass, seen = new Set<PyClass>()): string[] {
  if (seen.has(cls)) return [];
  seen.add(cls);
  const out: string[] = [];
  for (const base of cls.bases) {
    const r = resolveExpr(project, cls.module, undefined, base);
    if (r?.kind === 'external') out.push(r.name);
    else if (r?.kind === 'class') out.push(...externalAncestors(project, r.cls, seen));
  }
  return out;
}

export function projectAncestors(project: Project, cls: PyClass, seen = new Set<PyClass>()): PyClass[] {
  const out: PyClass[] = [];
  for (const base of cls.bases) {
    const r = resolveExpr(project, cls.module, undefined, base);
    if (r?.kind === 'class' && !seen.has(r.cls)) {
      seen.add(r.cls);
      out.push(r.cls, ...projectAncestors(project, r.cls, seen));
    }
  }
  return out;
}

/** The innermost indexed function whose body contains the node. */
export function enclosingFunction(module: PyModule, node: Node): PyFunction | undefined {
  let best: PyFunction | undefined;
  for (const fn of module.functions) {
    if (fn.node.startIndex <= node.startIndex && node.endIndex <= fn.node.endIndex) {
      if (!best || fn.node.startIndex >= best.node.startIndex) best = fn;
    }
  }
  return best;
}

export function dottedText(node: Node): string | undefined {
  return dottedParts(node)?.join('.');
}
