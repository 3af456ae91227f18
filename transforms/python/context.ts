// What a Python rule sees: one function at a time, with the project index, the
// ORM model, the targets, and helpers that produce minimal edits.
import type { PyNode as Node } from './tree.js';
import type { AdapterRunContext, ImportRequest, RuleMeta, Safety, TextEdit } from '../core/types.js';
import type { EntryInfo } from './entries.js';
import type { OrmIndex, PyType } from './orm.js';
import { childrenOf, field } from './parser.js';
import { resolveExpr, type Project, type PyFunction, type PyModule, type Resolved } from './project.js';
import { atLeast } from './targets.js';
import { TemplateIndex } from './templates.js';
import { DependencyIndex, type Dependency, type KeptManifests } from './dependencies.js';

/** A blocking call (or pattern) found in a function body, with its rewrite. */
export interface Site {
  rule: string;
  /** The node the finding points at; also the key that keeps two rules off the same call. */
  node: Node;
  safety: Safety;
  message: string;
  edits: TextEdit[];
  imports?: ImportRequest[];
  /** Whether the rewrite needs the function to be async (it adds an await). */
  seed: boolean;
  /** Extra nodes this site rewrites, so no other rule touches them. */
  claims?: Node[];
  /** Blocks only for callers that do not resolve it (a model method's lazy read of self.<relation>). */
  deferred?: boolean;
  /** A note for a function that stays sync (on a handler path); dropped when the function becomes async (another site then handles it). */
  onlyIfSync?: boolean;
}

/** A block of a function that stays synchronous and runs in a thread as a whole. */
export interface SyncRegion {
  node: Node;
  /** `sync`: statements with operations awaitify cannot account for, moved into one sync_to_async block. */
  kind: 'atomic' | 'file' | 'sync';
}

export interface PythonRule {
  meta: RuleMeta;
  /** Sites in one function's own body; the function may still be sync. */
  detect?(fc: FunctionContext): Site[];
}

export interface ResolvedTargets {
  django: string;
  python: string;
}

export class AnalysisContext {
  private templateIndex?: TemplateIndex;
  private dependencyIndex?: DependencyIndex;

  constructor(
    readonly project: Project,
    readonly orm: OrmIndex,
    readonly targets: ResolvedTargets,
    readonly run: AdapterRunContext,
  ) {}

  get templates(): TemplateIndex {
    this.templateIndex ??= new TemplateIndex(this.run.root);
    return this.templateIndex;
  }

  /** Whether a module of the project may import `pkg` (a rewrite that adds its import needs it installed). */
  dependency(pkg: string, module: PyModule): Dependency {
    this.dependencyIndex ??= new DependencyIndex(this.run.root, () => this.project.modules.map((m) => m.text), keptManifests(this.run.memo));
    return this.dependencyIndex.of(pkg, module.absPath);
  }

  django(min: string): boolean {
    return atLeast(this.targets.django, min);
  }

  python(min: string): boolean {
    return atLeast(this.targets.python, min);
  }
}

/** Node types whose bodies belong to another scope (or cannot hold an await). */
const SCOPE_TYPES = new Set(['function_definition', 'class_definition', 'lambda', 'decorated_definition']);

export class FunctionContext {
  readonly module: PyModule;
  /** Calls of sync project functions whose blocking a rule resolved at the call site (no thread needed). */
  resolvedCalls = new Set<number>();
  private nodeCache?: Node[];

  constructor(
    readonly ac: AnalysisContext,
    readonly fn: PyFunction,
    /** Blocks that move into a thread whole (transaction.atomic, file I/O): no other rule looks inside. */
    readonly regions: SyncRegion[],
    readonly entries?: EntryInfo,
  ) {
    this.module = fn.module;
  }

  get excluded(): Node[] {
    return this.regions.map((r) => r.node);
  }

  /** Whether a node is one of the blocks no other rule looks inside (`excluded`), by id: the walks ask for every node. */
  isExcluded(node: Node): boolean {
    const regions = this.regions;
    if (!regions.length) return false;
    const id = node.id;
    for (const r of regions) if (r.node.id === id) return true;
    return false;
  }

  regionKind(node: Node): SyncRegion['kind'] | undefined {
    return this.regions.find((r) => r.node.id === node.id)?.kind;
  }

  get project(): Project {
    return this.ac.project;
  }

  get orm(): OrmIndex {
    return this.ac.orm;
  }

  /** Every node of the function's own body, in source order. */
  nodes(): Node[] {
    if (this.nodeCache) return this.nodeCache;
    const out: Node[] = [];
    const visit = (node: Node) => {
      for (const child of childrenOf(node)) {
        if (SCOPE_TYPES.has(child.type)) continue;
        if (this.isExcluded(child)) continue;
        out.push(child);
        visit(child);
      }
    };
    visit(this.fn.body);
    this.nodeCache = out;
    return out;
  }

  calls(): Node[] {
    return this.nodes().filter((n) => n.type === 'call');
  }

  resolve(node: Node): Resolved | undefined {
    return resolveExpr(this.project, this.module, this.fn, node);
  }

  /** The external dotted name a callee resolves to (`time.sleep`), if any. */
  externalName(node: Node): string | undefined {
    const r = this.resolve(node);
    return r?.kind === 'external' ? r.name : undefined;
  }

  typeOf(node: Node): PyType | undefined {
    return this.orm.typeOf(this.module, this.fn, node);
  }

  isQuerySetLike(node: Node): boolean {
    const t = this.typeOf(node);
    return t?.kind === 'queryset' || t?.kind === 'manager';
  }

  /** The local name an import would bind in this module (an existing alias wins). */
  importLocal(moduleName: string, name?: string): string {
    for (const imp of this.module.imports.values()) {
      if (imp.module === moduleName && imp.name === name) return imp.local;
    }
    return name ?? moduleName.split('.')[0];
  }

  namespaceImport(moduleName: string): ImportRequest {
    return { module: moduleName, kind: 'namespace', local: this.importLocal(moduleName) };
  }

  namedImport(moduleName: string, name: string): ImportRequest {
    return { module: moduleName, kind: 'named', name, local: this.importLocal(moduleName, name) };
  }

  /** Why an await cannot go here (a generator expression turns into an async generator), or undefined. */
  cannotAwait(node: Node): string | undefined {
    for (let n: Node | null = node.parent; n && n.id !== this.fn.body.id; n = n.parent) {
      if (n.type === 'generator_expression') return 'it sits inside a generator expression, which cannot await';
      if (n.type === 'lambda') return 'it sits inside a lambda, which cannot await';
    }
    return undefined;
  }

  isAwaited(node: Node): boolean {
    let p = node.parent;
    while (p?.type === 'parenthesized_expression') p = p.parent;
    return p?.type === 'await';
  }

  site(rule: string, node: Node, safety: Safety, message: string, edits: TextEdit[], extra: Partial<Site> = {}): Site {
    return { rule, node, safety, message, edits, seed: true, ...extra };
  }
}

/** Whether `await <node>` would bind wrongly without parentheses (`(await x()).attr`). */
export function needsParens(node: Node): boolean {
  const p = node.parent;
  if (!p) return false;
  if (p.type === 'attribute' && field(p, 'object')?.id === node.id) return true;
  if (p.type === 'subscript' && field(p, 'value')?.id === node.id) return true;
  if (p.type === 'call' && field(p, 'function')?.id === node.id) return true;
  return false;
}

/** Edits that put `await` in front of an expression. */
export function awaitEdits(node: Node, prefix = 'await '): TextEdit[] {
  if (needsParens(node)) {
    return [
      { start: node.startIndex, end: node.startIndex, text: `(${prefix}` },
      { start: node.endIndex, end: node.endIndex, text: ')' },
    ];
  }
  return [{ start: node.startIndex, end: node.startIndex, text: prefix }];
}

export function replaceNode(node: Node, text: string): TextEdit {
  return { start: node.startIndex, end: node.endIndex, text };
}

/** The indentation of the line a node starts on. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** One indentation step of a file: the difference between a def and its body. */
export function indentUnit(fn: PyFunction): string {
  const text = fn.module.text;
  const outer = lineIndent(text, fn.node.startIndex);
  const first = childrenOf(fn.body)[0];
  const inner = first ? lineIndent(text, first.startIndex) : `${outer}    `;
  return inner.startsWith(outer) && inner.length > outer.length ? inner.slice(outer.length) : inner.includes('\t') ? '\t' : '    ';
}

/** Offsets of line starts strictly inside (start, end]: where a re-indent inserts. */
export function lineStartsWithin(text: string, start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\n', start); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    if (i + 1 < end && text[i + 1] !== '\n' && text[i + 1] !== '\r') out.push(i + 1);
  }
  return out;
}

/** The statement a node belongs to (the nearest ancestor whose parent is a block or the module). */
export function statementOf(node: Node): Node | undefined {
  let n: Node | null = node;
  while (n && n.parent && n.parent.type !== 'block' && n.parent.type !== 'module') n = n.parent;
  return n ?? undefined;
}

// Offsets of every newline of a module's text, built once per text and run: core's lineColumnAt
// scans from the start of the text, and the analysis asks for every call site and finding.
let newlineIndex = new Map<string, Uint32Array>();

/** Forgets the newline offsets (at the start and end of an analysis). */
export function clearLineIndex(): void {
  newlineIndex = new Map();
}

function newlinesOf(text: string): Uint32Array {
  let nl = newlineIndex.get(text);
  if (!nl) {
    const found: number[] = [];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) found.push(i);
    newlineIndex.set(text, (nl = Uint32Array.from(found)));
  }
  return nl;
}

/** 1-based line and column of an offset (as core's lineColumnAt). */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const nl = newlinesOf(text);
  // Newlines before the offset.
  let lo = 0;
  let hi = nl.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nl[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  const lineStart = lo ? nl[lo - 1] + 1 : 0;
  return { line: lo + 1, column: offset - lineStart + 1 };
}

export function ruleMeta(meta: Omit<RuleMeta, 'language' | 'exampleExt'>): RuleMeta {
  return { language: 'python', exampleExt: 'py', ...meta };
}

/** The manifests kept in a re-analysis' memo (see DependencyIndex): valid whatever the run's outcome, as each is checked by its stamps. */
function keptManifests(memo: Map<string, unknown> | undefined): KeptManifests | undefined {
  if (!memo) return undefined;
  let kept = memo.get('python:manifests') as KeptManifests | undefined;
  if (!kept) memo.set('python:manifests', (kept = new Map()));
  return kept;
}
