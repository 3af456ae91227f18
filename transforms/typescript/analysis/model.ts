// Syntactic name resolution for JS/TS: scopes, module specifiers, ESM and
// CommonJS exports, and the abstract values expressions evaluate to (a project
// function, an object literal, a class, a module, something from a package).
// It answers "which function does this call reach?" for the common cases
// without the type checker, which the call graph only consults for what this
// cannot see (typed instances, path aliases).
import * as nodePath from 'node:path';
import { ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import { Workspace, packageTarget } from './packages.js';

// The members of `ts` are getters on an object of thousands of properties (each read about ten times
// a local's cost): the node tests this module calls on every evaluation are read once.
const { forEachChild, isArrowFunction, isAsExpression, isBinaryExpression, isBindingElement, isBlock, isCallExpression, isCaseBlock, isCatchClause, isClassDeclaration, isClassExpression, isClassLike, isClassStaticBlockDeclaration, isComputedPropertyName, isConditionalExpression, isConstructorDeclaration, isElementAccessExpression, isEnumDeclaration, isExportAssignment, isExportDeclaration, isExpressionStatement, isExternalModuleReference, isForInStatement, isForOfStatement, isForStatement, isFunctionDeclaration, isFunctionExpression, isGetAccessor, isIdentifier, isImportClause, isImportDeclaration, isImportEqualsDeclaration, isImportSpecifier, isLabeledStatement, isMethodDeclaration, isModuleBlock, isNamespaceExport, isNamespaceImport, isNewExpression, isNoSubstitutionTemplateLiteral, isNonNullExpression, isNumericLiteral, isObjectBindingPattern, isObjectLiteralExpression, isOmittedExpression, isParameter, isParenthesizedExpression, isPrivateIdentifier, isPropertyAccessExpression, isPropertyAssignment, isPropertyDeclaration, isReturnStatement, isSatisfiesExpression, isSetAccessor, isShorthandPropertyAssignment, isSourceFile, isSpreadAssignment, isSpreadElement, isStringLiteral, isStringLiteralLike, isTypeReferenceNode, isVariableDeclaration, isVariableDeclarationList, isVariableStatement } = ts;

export type FunctionLike =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration;

export interface FileInfo {
  /** Path relative to the run's root. */
  path: string;
  absPath: string;
  text: string;
  sf: ts.SourceFile;
  morph: SourceFile;
  isTypeScript: boolean;
  exports?: FileExports;
}

interface FileExports {
  named: Map<string, () => Value | undefined>;
  /** `export * from` targets. */
  stars: string[];
  /** The expression assigned to `module.exports` / `export =`. */
  cjs?: ts.Expression;
}

export type Value =
  | { kind: 'function'; node: FunctionLike; file: FileInfo }
  | { kind: 'object'; node: ts.ObjectLiteralExpression; file: FileInfo }
  | { kind: 'class'; node: ts.ClassLikeDeclaration; file: FileInfo }
  | { kind: 'instance'; node: ts.ClassLikeDeclaration; file: FileInfo }
  /** `new W()` of a pre-ES6 constructor function `W`: members from `this.m = ...` in `W` and `W.prototype`. */
  | { kind: 'fninstance'; node: ts.FunctionDeclaration | ts.FunctionExpression; file: FileInfo }
  | { kind: 'module'; file: FileInfo }
  /** Something from a package: `external('express', ['Router'])` is `require('express').Router`. */
  | { kind: 'external'; module: string; path: string[] }
  /** The result of calling (or `new`-ing) a value: `express()` is `{ kind: 'result', of: external express }`. */
  | { kind: 'result'; of: Value; call?: ts.CallExpression }
  /** A parameter typed as something from a package (`app: Express`). */
  | { kind: 'typed'; module: string; name: string };

// Kinds read once into arrays: the members of `ts` (and of ts.SyntaxKind) are getters on objects
// with thousands of properties, slow to touch per node in these helpers, which run for most nodes.
const FUNCTION_LIKE_KIND_LIST = [
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
];
const FUNCTION_LIKE_KINDS = kindTable(FUNCTION_LIKE_KIND_LIST);
/** What skipOuter strips: parentheses, `as`, `!`, `satisfies`, `<T>x`. */
const OUTER_KINDS = kindTable([
  ts.SyntaxKind.ParenthesizedExpression,
  ts.SyntaxKind.AsExpression,
  ts.SyntaxKind.NonNullExpression,
  ts.SyntaxKind.SatisfiesExpression,
  ts.SyntaxKind.TypeAssertionExpression,
]);

/** A table indexed by kind: true for the kinds listed. */
export function kindTable(kinds: ts.SyntaxKind[]): boolean[] {
  const table: boolean[] = [];
  for (const kind of kinds) table[kind] = true;
  return table;
}

export function isFunctionLike(node: ts.Node): node is FunctionLike {
  return FUNCTION_LIKE_KINDS[node.kind] === true;
}

/** Strips parentheses, type assertions and non-null assertions. */
/** The parameters a call's arguments fill: TypeScript's `this: T` parameter (always first) takes none. */
export function runtimeParameters(fn: ts.SignatureDeclarationBase): readonly ts.ParameterDeclaration[] {
  const first = fn.parameters[0];
  return first && isIdentifier(first.name) && first.name.text === 'this' ? fn.parameters.slice(1) : fn.parameters;
}

export function skipOuter(expr: ts.Expression): ts.Expression {
  while (OUTER_KINDS[expr.kind] === true) expr = (expr as ts.ParenthesizedExpression | ts.AsExpression | ts.NonNullExpression | ts.SatisfiesExpression | ts.TypeAssertion).expression;
  return expr;
}

/**
 * The expressions a value chosen at run time may be: `c ? f : g` gives f and
 * g, `a || f` and `a ?? f` both sides, `a && f` and `(x, f)` the right one,
 * through parentheses and `as`/`satisfies`/`!`. Undefined when `expr` is not
 * such a choice.
 */
export function chosenOperands(expr: ts.Expression): ts.Expression[] | undefined {
  return choiceOperands(skipOuter(expr))?.flatMap((d) => chosenOperands(d) ?? [skipOuter(d)]);
}

/** The operands whose value a choice (or `x ||= f`, `x ??= f`, `x &&= f`) may yield, one level deep. */
export function choiceOperands(e: ts.Expression): ts.Expression[] | undefined {
  if (isConditionalExpression(e)) return [e.whenTrue, e.whenFalse];
  if (!isBinaryExpression(e)) return undefined;
  switch (e.operatorToken.kind) {
    case ts.SyntaxKind.BarBarToken:
    case ts.SyntaxKind.QuestionQuestionToken:
      return [e.left, e.right];
    case ts.SyntaxKind.AmpersandAmpersandToken:
    case ts.SyntaxKind.CommaToken:
    case ts.SyntaxKind.BarBarEqualsToken:
    case ts.SyntaxKind.QuestionQuestionEqualsToken:
    case ts.SyntaxKind.AmpersandAmpersandEqualsToken:
      return [e.right];
    default:
      return undefined;
  }
}

/**
 * A choice whose value is only ever called where awaitify sees the call:
 * `(c ? f : g)(x)`, or the initializer of a `const` or `let` every use of
 * which is a direct call (`const resolve = c ? f : g; resolve(x)`).
 */
export function choiceOnlyCalled(choice: ts.Expression, model: ProjectModel): boolean {
  // The answer depends on the file's syntax alone (lookup is lexical): kept per choice, with the file's tree.
  const memo = fileSyntaxMemo(choice.getSourceFile()).onlyCalled;
  let known = memo.get(choice);
  if (known === undefined) memo.set(choice, (known = choiceOnlyCalledUncached(choice, model)));
  return known;
}

function choiceOnlyCalledUncached(choice: ts.Expression, model: ProjectModel): boolean {
  let n: ts.Node = choice;
  while (n.parent && (isParenthesizedExpression(n.parent) || isAsExpression(n.parent) || isSatisfiesExpression(n.parent) || isNonNullExpression(n.parent))) n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (isCallExpression(p) && p.expression === n) return true;
  if (!isVariableDeclaration(p) || p.initializer !== n || !isIdentifier(p.name)) return false;
  // A `let` too: a later assignment to it is a use that is not a call, which answers no below.
  if (!isVariableDeclarationList(p.parent) || !(p.parent.flags & (ts.NodeFlags.Const | ts.NodeFlags.Let))) return false;
  const name = p.name.text;
  let calls = 0;
  // Every identifier of the file spelled like the constant, in document order.
  for (const u of identifiersNamed(p.getSourceFile(), name)) {
    if (u === p.name || model.lookup(name, u) !== p) continue;
    let c: ts.Node = u;
    while (c.parent && isParenthesizedExpression(c.parent)) c = c.parent;
    if (c.parent && isCallExpression(c.parent) && c.parent.expression === c) calls++;
    else return false;
  }
  return calls > 0;
}

/** Answers about one file's syntax, dropped with its tree (an edited file is a new tree). */
interface FileSyntaxMemo {
  onlyCalled: Map<ts.Expression, boolean>;
  identifiers?: Map<string, ts.Identifier[]>;
}

const SYNTAX_MEMO = new WeakMap<ts.SourceFile, FileSyntaxMemo>();

function fileSyntaxMemo(sf: ts.SourceFile): FileSyntaxMemo {
  let memo = SYNTAX_MEMO.get(sf);
  if (!memo) SYNTAX_MEMO.set(sf, (memo = { onlyCalled: new Map() }));
  return memo;
}

/** The identifiers of a file with a given text, in document order; the index is made on the first question about the file. */
export function identifiersNamed(sf: ts.SourceFile, name: string): ts.Identifier[] {
  const memo = fileSyntaxMemo(sf);
  let byName = memo.identifiers;
  if (!byName) {
    const index = new Map<string, ts.Identifier[]>();
    const visit = (u: ts.Node): void => {
      if (u.kind === ts.SyntaxKind.Identifier) {
        const text = (u as ts.Identifier).text;
        const list = index.get(text);
        if (list) list.push(u as ts.Identifier);
        else index.set(text, [u as ts.Identifier]);
      }
      forEachChild(u, visit);
    };
    visit(sf);
    memo.identifiers = byName = index;
  }
  return byName.get(name) ?? [];
}

/**
 * The project function a chosen operand calls: `f`, or `f.bind(self, ...args)`
 * (calling the bound function calls `f` with those arguments first).
 */
export function chosenFunction(op: ts.Expression, model: ProjectModel): Extract<Value, { kind: 'function' }> | undefined {
  const e = skipOuter(op);
  if (isCallExpression(e)) {
    const callee = skipOuter(e.expression);
    if (!isPropertyAccessExpression(callee) || callee.name.text !== 'bind') return undefined;
    return model.functionOf(model.valueOf(callee.expression));
  }
  return model.functionOf(model.valueOf(e));
}

/** The choice a call's callee is, directly or through a `const` (or `let`) initialised with it. */
export function calledChoice(callee: ts.Expression, model: ProjectModel): ts.Expression | undefined {
  const e = skipOuter(callee);
  if (chosenOperands(e)) return e;
  if (!isIdentifier(e)) return undefined;
  const decl = model.lookup(e.text, e);
  if (!decl || !isVariableDeclaration(decl) || !decl.initializer || !chosenOperands(decl.initializer)) return undefined;
  return choiceOnlyCalled(decl.initializer, model) ? decl.initializer : undefined;
}

export function propertyNameText(name: ts.PropertyName | ts.MemberName | undefined): string | undefined {
  if (!name) return undefined;
  if (isIdentifier(name) || isPrivateIdentifier(name)) return name.text;
  if (isStringLiteral(name) || isNumericLiteral(name) || isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (isComputedPropertyName(name) && isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

export function normalizeModuleName(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []).some((m) => m.kind === kind) : false;
}

const SCOPE_CACHE = new WeakMap<ts.Node, Map<string, ts.Node>>();
/** The node kinds scopeDeclarations can find declarations in (every other kind declares nothing). */
const MAY_DECLARE = kindTable([
  ts.SyntaxKind.SourceFile,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.ModuleBlock,
  ts.SyntaxKind.CaseBlock,
  ...FUNCTION_LIKE_KIND_LIST,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.ClassExpression,
]);
const ASSIGNED_MEMBERS = new WeakMap<ts.ObjectLiteralExpression, Map<string, ts.Expression>>();
const RESOLVE_EXTS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];
const JS_TO_TS: Record<string, string[]> = {
  '.js': ['.ts', '.tsx'],
  '.jsx': ['.tsx'],
  '.mjs': ['.mts'],
  '.cjs': ['.cts'],
};

export interface PathAliases {
  /** Directory `paths` entries are relative to. */
  base: string;
  paths: Record<string, string[]>;
}

/** How deep value resolution recurses before it gives up (guard). */
const MAX_DEPTH = 40;

/** A resolved value and how many levels below its start its resolution went (see ProjectModel.cached). */
interface CachedValue {
  value: Value | undefined;
  height: number;
  /** What its resolution read, in a model that records it (ProjectModel.tracking). */
  reads?: Reads;
}

/** Read by an answer that depends on every file of the run (a project-wide table) or that was cut short somewhere below it. */
const EVERY_FILE = Symbol('every file');

/** The files whose syntax an answer's resolution read, answers it used included: one file, several, or every file. */
type Reads = FileInfo | FileInfo[] | typeof EVERY_FILE;

/** The files read so far by the resolution under way (see ProjectModel.tracking). */
class ReadFrame {
  readonly files = new Set<FileInfo>();
  every = false;

  /** The enclosing computation's frame, which gets these reads when this one ends. */
  constructor(readonly outer: ReadFrame | undefined) {}

  add(reads: Reads | undefined): void {
    if (reads === undefined || this.every) return;
    if (reads === EVERY_FILE) this.every = true;
    else if (Array.isArray(reads)) for (const f of reads) this.files.add(f);
    else this.files.add(reads);
  }

  merge(inner: ReadFrame): void {
    if (this.every) return;
    if (inner.every) this.every = true;
    else for (const f of inner.files) this.files.add(f);
  }

  reads(): Reads {
    if (this.every) return EVERY_FILE;
    if (this.files.size === 1) for (const f of this.files) return f;
    return [...this.files];
  }
}

/** A member or parameter value found across the program (ProjectModel.memo), with what it read. */
interface MemoEntry {
  value: Value | null;
  reads?: Reads;
}

/** The node kinds syntaxNodes keeps: what the whole-project passes after the graph's walk handle (escapes, sync-only sites, hierarchies, sqlite, new sites). */
const SYNTAX_NODE_KINDS = kindTable([
  ts.SyntaxKind.ObjectLiteralExpression,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.ClassExpression,
  ts.SyntaxKind.CallExpression,
  ts.SyntaxKind.NewExpression,
  ts.SyntaxKind.ElementAccessExpression,
  ts.SyntaxKind.BinaryExpression,
  ts.SyntaxKind.ConditionalExpression,
  ts.SyntaxKind.ReturnStatement,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.ArrayLiteralExpression,
  ts.SyntaxKind.HeritageClause,
  ts.SyntaxKind.JsxSelfClosingElement,
  ts.SyntaxKind.JsxOpeningElement,
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
]);
const KIND_PROPERTY_ACCESS = ts.SyntaxKind.PropertyAccessExpression;

/** Whether syntaxNodes keeps the node. Property accesses only as `.prototype` (the one markSyncOnlyFunctions looks at): most nodes are property accesses. */
export function isSyntaxNode(node: ts.Node): boolean {
  const kind = node.kind;
  return SYNTAX_NODE_KINDS[kind] === true || (kind === KIND_PROPERTY_ACCESS && (node as ts.PropertyAccessExpression).name.text === 'prototype');
}

export class ProjectModel {
  readonly byAbs = new Map<string, FileInfo>();
  private readonly bySf = new Map<ts.SourceFile, FileInfo>();
  private depth = 0;
  /** The deepest depth a guard admitted since the innermost cached computation began. */
  private peak = 0;
  /** How many times resolution was cut short (too deep, or a value still being computed): such answers are not cached. */
  private cutoffs = 0;
  private readonly valueCache = new Map<ts.Node, CachedValue>();
  private readonly declarationCache = new Map<ts.Node, CachedValue>();
  private readonly exportCache = new Map<FileInfo, Map<string, CachedValue>>();

  /** The reads of the innermost kept computation under way (tracking only). */
  private frame: ReadFrame | undefined;

  constructor(
    /** The run's files (a kept model is given the next run's by renew). */
    public files: FileInfo[],
    private readonly aliases?: PathAliases,
    /** The run's root: packages below it are resolved by name (see packages.ts). */
    private readonly root?: string,
    /**
     * Whether each kept answer records the files it read (answers it used
     * included), so that the model can be kept for the next run of a language
     * server and lose only the answers that read an edited file (renew).
     */
    readonly tracking = false,
  ) {
    for (const f of files) {
      this.byAbs.set(nodePath.resolve(f.absPath), f);
      this.bySf.set(f.sf, f);
    }
  }

  private readonly syntaxNodeLists = new Map<FileInfo, ts.Node[]>();
  private readonly graphNodeLists = new Map<FileInfo, ts.Node[]>();

  /** The resolution under way read `file`'s syntax. */
  private read(file: FileInfo): void {
    const frame = this.frame;
    if (frame && !frame.every) frame.files.add(file);
  }

  /** The resolution under way depends on every file (a project-wide table), or was cut short. */
  private readEvery(): void {
    if (this.frame) this.frame.every = true;
  }

  /** A cut-off (see cached): the answers under way are not kept, and what used them is not kept across runs. */
  private cutOff(): void {
    this.cutoffs++;
    if (this.frame) this.frame.every = true;
  }

  /** Starts recording the reads of a kept computation (tracking only); `end` gives them back and passes them on to the enclosing one. */
  private beginReads(): ReadFrame | undefined {
    if (!this.tracking) return undefined;
    const frame = new ReadFrame(this.frame);
    this.frame = frame;
    return frame;
  }

  private endReads(frame: ReadFrame | undefined): void {
    if (!frame) return;
    this.frame = frame.outer;
    frame.outer?.merge(frame);
  }

  /**
   * Keeps this model for a new run of the same root, files and compiler
   * options (a language server's re-analysis; tracking only): `files` are the
   * new run's, in its order, an unchanged file being the same FileInfo object
   * as in the last run and an edited one a new object. Every kept answer that
   * read a file no longer in the run (an edited file's old FileInfo), that
   * depended on every file, or that a cut-off touched is dropped, with the
   * project-wide tables; the rest answer as a fresh model would. False (and
   * nothing changed) when the model cannot be kept: not tracking, or a
   * package.json the workspace index read has changed; make a new model then.
   */
  renew(files: FileInfo[]): boolean {
    if (!this.tracking) return false;
    if (this.workspaceIndex && !this.workspaceIndex.unchanged()) return false;
    const now = new Set(files);
    const gone = new Set<FileInfo>();
    for (const f of this.files) if (!now.has(f)) gone.add(f);
    const stale = (reads: Reads | undefined): boolean => {
      if (reads === undefined || reads === EVERY_FILE) return true;
      if (Array.isArray(reads)) {
        for (const f of reads) if (gone.has(f)) return true;
        return false;
      }
      return gone.has(reads);
    };
    for (const [key, hit] of this.valueCache) if (stale(hit.reads)) this.valueCache.delete(key);
    for (const [key, hit] of this.declarationCache) if (stale(hit.reads)) this.declarationCache.delete(key);
    for (const [file, byName] of this.exportCache) {
      if (gone.has(file)) {
        this.exportCache.delete(file);
        continue;
      }
      for (const [name, hit] of byName) if (stale(hit.reads)) byName.delete(name);
    }
    for (const [node, byKey] of this.memos) {
      for (const [key, entry] of byKey) if (entry === PENDING || stale(entry.reads)) byKey.delete(key);
      if (!byKey.size) this.memos.delete(node);
    }
    for (const [key, file] of this.resolved) if (file && gone.has(file)) this.resolved.delete(key);
    for (const file of gone) {
      this.syntaxNodeLists.delete(file);
      this.graphNodeLists.delete(file);
      this.byAbs.delete(nodePath.resolve(file.absPath));
      this.bySf.delete(file.sf);
    }
    for (const f of files) {
      this.byAbs.set(nodePath.resolve(f.absPath), f);
      this.bySf.set(f.sf, f);
    }
    this.files = files;
    this.tables.clear();
    this.patchedCache = undefined;
    this.depth = 0;
    this.peak = 0;
    this.cutoffs = 0;
    this.frame = undefined;
    return true;
  }

  /**
   * The file's nodes of the kinds isSyntaxNode keeps, in the order a walk of
   * the file meets them: one walk per file (the call graph's, which records
   * them, or the first pass to ask), so the whole-project passes need not walk
   * every node again. Each pass gives each node to its own test of the kind.
   */
  syntaxNodes(file: FileInfo): readonly ts.Node[] {
    if (this.frame) this.read(file);
    let list = this.syntaxNodeLists.get(file);
    if (!list) {
      const kept: ts.Node[] = [];
      const visit = (node: ts.Node): void => {
        if (isSyntaxNode(node)) kept.push(node);
        forEachChild(node, visit);
      };
      visit(file.sf);
      this.syntaxNodeLists.set(file, (list = kept));
    }
    return list;
  }

  hasSyntaxNodes(file: FileInfo): boolean {
    return this.syntaxNodeLists.has(file);
  }

  /**
   * The nodes the call graph's walk of a file acts on (function-likes with a
   * body, calls, `new`s; GraphBuilder.addFile), in the order the walk met
   * them, once a walk recorded them: syntax only, kept with the file's
   * `FileInfo` (an edited file gets a new one), so the graph of a later run
   * visits them without walking every node again.
   */
  graphNodes(file: FileInfo): readonly ts.Node[] | undefined {
    return this.graphNodeLists.get(file);
  }

  recordGraphNodes(file: FileInfo, nodes: ts.Node[]): void {
    if (!this.graphNodeLists.has(file)) this.graphNodeLists.set(file, nodes);
  }

  /** Records the list a walk of the whole file made with isSyntaxNode (GraphBuilder.addFile). */
  recordSyntaxNodes(file: FileInfo, nodes: ts.Node[]): void {
    if (!this.syntaxNodeLists.has(file)) this.syntaxNodeLists.set(file, nodes);
  }

  fileOf(node: ts.Node): FileInfo | undefined {
    return this.bySf.get(node.getSourceFile());
  }

  // ---- modules -------------------------------------------------------------

  /** resolveModule's answers by importing directory and specifier: the file set never changes, so neither does the answer. */
  private readonly resolved = new Map<string, FileInfo | undefined>();

  resolveModule(spec: string, from: FileInfo): FileInfo | undefined {
    const key = `${nodePath.dirname(from.absPath)}\0${spec}`;
    let found: FileInfo | undefined;
    if (this.resolved.has(key)) found = this.resolved.get(key);
    else this.resolved.set(key, (found = this.resolveModuleUncached(spec, from)));
    // A value naming the module refers to its FileInfo: it goes with the file.
    if (found && this.frame) this.read(found);
    return found;
  }

  private workspaceIndex: Workspace | undefined;

  /** The packages below the run's root and which one each run file belongs to (read once, on first use). */
  workspace(): Workspace {
    this.workspaceIndex ??= new Workspace(this.root ?? nodePath.parse(process.cwd()).root, this.root ? this.files.map((f) => f.absPath) : []);
    return this.workspaceIndex;
  }

  private resolveModuleUncached(spec: string, from: FileInfo): FileInfo | undefined {
    if (spec.startsWith('.') || spec.startsWith('/')) {
      return this.resolvePath(nodePath.resolve(nodePath.dirname(from.absPath), spec));
    }
    if (this.aliases) {
      for (const [pattern, targets] of Object.entries(this.aliases.paths)) {
        const star = pattern.indexOf('*');
        let rest: string | undefined;
        if (star < 0) rest = pattern === spec ? '' : undefined;
        else {
          const pre = pattern.slice(0, star);
          const post = pattern.slice(star + 1);
          if (spec.startsWith(pre) && spec.endsWith(post) && spec.length >= pre.length + post.length) rest = spec.slice(pre.length, spec.length - post.length);
        }
        if (rest === undefined) continue;
        for (const target of targets) {
          const found = this.resolvePath(nodePath.resolve(this.aliases.base, target.replace('*', rest)));
          if (found) return found;
        }
      }
    }
    // `@acme/lib` or `@acme/lib/x`: a package of the run's root, by its package.json name.
    const named = this.workspace().lookup(spec);
    return named ? packageTarget(named.pkg, named.sub, (abs) => this.resolvePath(abs)) : undefined;
  }

  private resolvePath(base: string): FileInfo | undefined {
    const exact = this.byAbs.get(base);
    if (exact) return exact;
    const ext = nodePath.extname(base);
    for (const alt of JS_TO_TS[ext] ?? []) {
      const f = this.byAbs.get(base.slice(0, -ext.length) + alt);
      if (f) return f;
    }
    for (const e of RESOLVE_EXTS) {
      const f = this.byAbs.get(base + e);
      if (f) return f;
    }
    for (const e of RESOLVE_EXTS) {
      const f = this.byAbs.get(nodePath.join(base, 'index' + e));
      if (f) return f;
    }
    return undefined;
  }

  /** The value of `require(spec)` / `import * as x from spec`. */
  moduleValue(spec: string, from: FileInfo): Value {
    const target = this.resolveModule(spec, from);
    if (target) return { kind: 'module', file: target };
    return { kind: 'external', module: normalizeModuleName(spec), path: [] };
  }

  exportsOf(file: FileInfo): FileExports {
    if (this.frame) this.read(file);
    if (file.exports) return file.exports;
    const ex: FileExports = { named: new Map(), stars: [] };
    file.exports = ex;
    const local = (name: string) => () => {
      const decl = this.lookup(name, file.sf);
      return decl ? this.valueOfDeclaration(decl) : undefined;
    };
    // `const helpers = module.exports; helpers.load = function () {...}`: members assigned through an alias.
    const exportAliases = new Set<string>();
    for (const st of file.sf.statements) {
      if (!isVariableStatement(st)) continue;
      for (const d of st.declarationList.declarations) {
        if (isIdentifier(d.name) && d.initializer && (isModuleExports(skipOuter(d.initializer)) || isExportsIdentifier(skipOuter(d.initializer)))) exportAliases.add(d.name.text);
      }
    }
    for (const st of file.sf.statements) {
      if ((isFunctionDeclaration(st) || isClassDeclaration(st)) && hasModifier(st, ts.SyntaxKind.ExportKeyword)) {
        const isDefault = hasModifier(st, ts.SyntaxKind.DefaultKeyword);
        const value = (): Value | undefined =>
          isFunctionDeclaration(st) ? (st.body ? { kind: 'function', node: st, file } : undefined) : { kind: 'class', node: st, file };
        if (isDefault) ex.named.set('default', value);
        if (st.name) ex.named.set(st.name.text, value);
      } else if (isVariableStatement(st) && hasModifier(st, ts.SyntaxKind.ExportKeyword)) {
        for (const d of st.declarationList.declarations) {
          for (const name of bindingNames(d.name)) ex.named.set(name, local(name));
        }
      } else if (isExportAssignment(st)) {
        if (st.isExportEquals) ex.cjs = st.expression;
        else ex.named.set('default', () => this.valueOf(st.expression));
      } else if (isExportDeclaration(st)) {
        const spec = st.moduleSpecifier && isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
        if (!st.exportClause) {
          if (spec) ex.stars.push(spec);
        } else if (isNamespaceExport(st.exportClause)) {
          if (spec) {
            const s = spec;
            ex.named.set(st.exportClause.name.text, () => this.moduleValue(s, file));
          }
        } else {
          for (const el of st.exportClause.elements) {
            const exported = el.name.text;
            const original = (el.propertyName ?? el.name).text;
            if (spec) {
              const s = spec;
              ex.named.set(exported, () => this.member(this.moduleValue(s, file), original));
            } else ex.named.set(exported, local(original));
          }
        }
      } else if (isExpressionStatement(st) && isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const { left, right } = st.expression;
        if (isModuleExports(left)) ex.cjs = right;
        else if (isPropertyAccessExpression(left) && (isModuleExports(left.expression) || isExportsIdentifier(left.expression) || (isIdentifier(left.expression) && exportAliases.has(left.expression.text)))) {
          ex.named.set(left.name.text, () => this.valueOf(right));
        }
      }
    }
    return ex;
  }

  /** An export of a module by name ('default' included), following CommonJS and re-exports. */
  exportOf(file: FileInfo, name: string, seen?: Set<FileInfo>): Value | undefined {
    if (seen) return this.exportOfUncached(file, name, seen);
    let byName = this.exportCache.get(file);
    if (!byName) this.exportCache.set(file, (byName = new Map()));
    return this.cached(byName, name, () => this.exportOfUncached(file, name, new Set()));
  }

  private exportOfUncached(file: FileInfo, name: string, seen: Set<FileInfo>): Value | undefined {
    if (seen.has(file)) return undefined;
    seen.add(file);
    const ex = this.exportsOf(file);
    const direct = ex.named.get(name);
    if (direct) return direct();
    if (ex.cjs) {
      const cjs = this.valueOf(ex.cjs);
      if (name === 'default') return cjs;
      return cjs ? this.member(cjs, name) : undefined;
    }
    if (name === 'default') return undefined;
    for (const spec of ex.stars) {
      const target = this.resolveModule(spec, file);
      const v = target ? this.exportOf(target, name, seen) : undefined;
      if (v) return v;
    }
    return undefined;
  }

  // ---- scopes --------------------------------------------------------------

  /** The declaration a name refers to at `at`, walking out through the scopes. */
  lookup(name: string, at: ts.Node): ts.Node | undefined {
    for (let n: ts.Node | undefined = at; n; n = n.parent) {
      const decls = this.scopeDeclarations(n);
      const found = decls?.get(name);
      if (found) return found;
    }
    return undefined;
  }

  private scopeDeclarations(node: ts.Node): Map<string, ts.Node> | undefined {
    // Most ancestors of a name declare nothing: skip them before the cache lookup.
    if (MAY_DECLARE[node.kind] !== true) return undefined;
    const cached = SCOPE_CACHE.get(node);
    if (cached) return cached;
    let decls: Map<string, ts.Node> | undefined;
    if (isSourceFile(node) || isBlock(node) || isModuleBlock(node) || isCaseBlock(node)) {
      decls = new Map();
      const statements = isCaseBlock(node) ? node.clauses.flatMap((c) => [...c.statements]) : [...node.statements];
      for (const st of statements) addStatementDeclarations(st, decls);
      if (isSourceFile(node)) collectVars(node, decls);
    } else if (isFunctionLike(node)) {
      decls = new Map();
      for (const p of node.parameters) for (const [n, d] of bindingDeclarations(p.name, p)) decls.set(n, d);
      if (isFunctionExpression(node) && node.name) decls.set(node.name.text, node);
      if (node.body && isBlock(node.body)) collectVars(node.body, decls);
    } else if (isForStatement(node) || isForOfStatement(node) || isForInStatement(node)) {
      const init = node.initializer;
      if (init && isVariableDeclarationList(init)) {
        decls = new Map();
        for (const d of init.declarations) for (const [n, b] of bindingDeclarations(d.name, d)) decls.set(n, b);
      }
    } else if (isCatchClause(node) && node.variableDeclaration) {
      decls = new Map(bindingDeclarations(node.variableDeclaration.name, node.variableDeclaration));
    } else if (isClassExpression(node) && node.name) {
      decls = new Map([[node.name.text, node as ts.Node]]);
    }
    if (decls) SCOPE_CACHE.set(node, decls);
    return decls;
  }

  // ---- values --------------------------------------------------------------

  valueOfDeclaration(decl: ts.Node): Value | undefined {
    const hit = this.declarationCache.get(decl);
    if (hit && this.admits(hit)) {
      if (this.frame) this.frame.add(hit.reads);
      return hit.value;
    }
    return this.cached(this.declarationCache, decl, () => this.valueOfDeclarationUncached(decl));
  }

  private valueOfDeclarationUncached(decl: ts.Node): Value | undefined {
    const file = this.fileOf(decl);
    if (!file) return undefined;
    if (this.frame) this.read(file);
    return this.guard(() => {
      if (isFunctionDeclaration(decl) || isFunctionExpression(decl)) return decl.body ? { kind: 'function', node: decl, file } : undefined;
      if (isClassDeclaration(decl) || isClassExpression(decl)) return { kind: 'class', node: decl, file };
      if (isVariableDeclaration(decl)) return decl.initializer && isIdentifier(decl.name) ? this.valueOf(decl.initializer) : undefined;
      if (isBindingElement(decl)) return this.valueOfBindingElement(decl);
      if (isImportClause(decl)) {
        const spec = moduleSpecifierOf(decl.parent);
        if (spec === undefined) return undefined;
        const target = this.resolveModule(spec, file);
        return target ? this.exportOf(target, 'default') : { kind: 'external', module: normalizeModuleName(spec), path: [] };
      }
      if (isNamespaceImport(decl)) {
        const spec = moduleSpecifierOf(decl.parent.parent);
        return spec === undefined ? undefined : this.moduleValue(spec, file);
      }
      if (isImportSpecifier(decl)) {
        const spec = moduleSpecifierOf(decl.parent.parent.parent);
        if (spec === undefined) return undefined;
        const name = (decl.propertyName ?? decl.name).text;
        const target = this.resolveModule(spec, file);
        return target ? this.exportOf(target, name) : { kind: 'external', module: normalizeModuleName(spec), path: [name] };
      }
      if (isImportEqualsDeclaration(decl)) {
        const ref = decl.moduleReference;
        if (isExternalModuleReference(ref) && isStringLiteral(ref.expression)) return this.moduleValue(ref.expression.text, file);
        return undefined;
      }
      if (isParameter(decl)) return this.valueOfTypedParameter(decl) ?? this.valueOfConstructorParameter(decl);
      return undefined;
    });
  }

  private valueOfBindingElement(el: ts.BindingElement): Value | undefined {
    // Path from the declaration down to this element: `const { a: { b } } = x`.
    const keys: string[] = [];
    let cur: ts.Node = el;
    while (isBindingElement(cur)) {
      const pattern: ts.BindingPattern = cur.parent;
      if (!isObjectBindingPattern(pattern) || cur.dotDotDotToken) return undefined;
      const key = cur.propertyName ? propertyNameText(cur.propertyName) : isIdentifier(cur.name) ? cur.name.text : undefined;
      if (key === undefined) return undefined;
      keys.unshift(key);
      cur = pattern.parent;
    }
    if (!isVariableDeclaration(cur) || !cur.initializer) return undefined;
    let v = this.valueOf(cur.initializer);
    for (const k of keys) v = v && this.member(v, k);
    return v;
  }

  private valueOfTypedParameter(p: ts.ParameterDeclaration): Value | undefined {
    const type = p.type;
    if (!type || !isTypeReferenceNode(type)) return undefined;
    const tn = type.typeName;
    if (isIdentifier(tn)) {
      const decl = this.lookup(tn.text, p);
      const v = decl && (isImportSpecifier(decl) || isImportClause(decl)) ? this.valueOfDeclaration(decl) : undefined;
      if (v?.kind === 'external' && v.path.length === 1) return { kind: 'typed', module: v.module, name: v.path[0]! };
      return undefined;
    }
    // `express.Router`, `express.Application`
    if (isIdentifier(tn.left)) {
      const decl = this.lookup(tn.left.text, p);
      const v = decl ? this.valueOfDeclaration(decl) : undefined;
      if (v?.kind === 'external' && v.path.length === 0) return { kind: 'typed', module: v.module, name: tn.right.text };
    }
    return undefined;
  }

  /** What an expression evaluates to, as far as syntax tells. */
  valueOf(expr: ts.Expression): Value | undefined {
    // A kept answer is given here without making the closures below (most calls are such hits).
    const hit = this.valueCache.get(expr);
    if (hit && this.admits(hit)) {
      if (this.frame) this.frame.add(hit.reads);
      return hit.value;
    }
    return this.cached(this.valueCache, expr, () => this.guard(() => this.valueOfInner(skipOuter(expr))));
  }

  private valueOfInner(expr: ts.Expression): Value | undefined {
    const file = this.fileOf(expr);
    if (!file) return undefined;
    if (this.frame) this.read(file);
    if (isIdentifier(expr)) {
      const decl = this.lookup(expr.text, expr);
      if (decl) return this.valueOfDeclaration(decl);
      if (expr.text === 'exports') return { kind: 'module', file };
      return undefined;
    }
    if (isFunctionExpression(expr) || isArrowFunction(expr)) return { kind: 'function', node: expr, file };
    if (isClassExpression(expr)) return { kind: 'class', node: expr, file };
    if (isObjectLiteralExpression(expr)) return { kind: 'object', node: expr, file };
    if (isModuleExports(expr)) return { kind: 'module', file };
    if (isPropertyAccessExpression(expr)) {
      const base = this.valueOf(expr.expression);
      return base && this.member(base, expr.name.text);
    }
    if (isElementAccessExpression(expr) && isStringLiteralLike(expr.argumentExpression)) {
      const base = this.valueOf(expr.expression);
      return base && this.member(base, expr.argumentExpression.text);
    }
    if (isCallExpression(expr)) {
      const spec = requireSpecifier(expr, this);
      if (spec !== undefined) return this.moduleValue(spec, file);
      // `(function () { ...; return { a: a }; })()`: a "revealing module" is what its one return gives.
      const iife = skipOuter(expr.expression);
      if (isFunctionExpression(iife) || isArrowFunction(iife)) {
        const returned = singleReturn(iife);
        return returned ? this.valueOf(returned) : undefined;
      }
      const callee = this.valueOf(expr.expression);
      // A factory (`create(options)` returning `{ get, post }`, `makeServer()` returning
      // `http.createServer()`): the object literal or package value it returns.
      const factory = this.functionOf(callee);
      const made = factory ? this.factoryResult(factory.node) : undefined;
      if (made) return made;
      return callee ? { kind: 'result', of: callee, call: expr } : undefined;
    }
    if (isNewExpression(expr)) {
      // `new Map()`, `new URL(...)`: a built-in, known not to be project code.
      if (isIdentifier(expr.expression) && !this.lookup(expr.expression.text, expr)) {
        return { kind: 'result', of: { kind: 'external', module: '<global>', path: [expr.expression.text] } };
      }
      // `module.exports = Endpoint` / `export = Endpoint`: `new (require('./endpoint'))()` is an Endpoint.
      const callee = this.moduleExportValue(this.valueOf(expr.expression));
      if (callee?.kind === 'class') return { kind: 'instance', node: callee.node, file: callee.file };
      if (callee?.kind === 'function' && (isFunctionDeclaration(callee.node) || isFunctionExpression(callee.node))) {
        return { kind: 'fninstance', node: callee.node, file: callee.file };
      }
      return callee ? { kind: 'result', of: callee } : undefined;
    }
    if (expr.kind === ts.SyntaxKind.ThisKeyword) return this.valueOfThis(expr);
    return undefined;
  }

  /**
   * What a call of a plain (not async, not generator) project function gives
   * when its one `return` is an object literal or a package's value.
   */
  private factoryResult(fn: FunctionLike): Value | undefined {
    if (!(isFunctionDeclaration(fn) || isFunctionExpression(fn) || isArrowFunction(fn)) || !fn.body) return undefined;
    if (fn.asteriskToken || (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return undefined;
    const returned = singleReturn(fn);
    if (!returned) return undefined;
    const v = this.valueOf(returned);
    if (v?.kind === 'object' && isObjectLiteralExpression(skipOuter(returned))) return v;
    if (v?.kind === 'result' && v.of.kind === 'external') return v;
    return undefined;
  }

  /** `this` inside a class member or an object-literal method. */
  valueOfThis(at: ts.Node): Value | undefined {
    for (let n: ts.Node | undefined = at.parent; n; n = n.parent) {
      if (isArrowFunction(n)) continue;
      if (isClassLike(n)) {
        const file = this.fileOf(n)!;
        return { kind: 'instance', node: n, file };
      }
      if (isFunctionDeclaration(n) || isFunctionExpression(n)) return this.prototypeMethodThis(n);
      if (isMethodDeclaration(n) || isGetAccessor(n) || isSetAccessor(n) || isConstructorDeclaration(n) || isPropertyDeclaration(n) || isClassStaticBlockDeclaration(n)) {
        const owner = n.parent;
        const file = this.fileOf(n)!;
        if (isObjectLiteralExpression(owner)) return { kind: 'object', node: owner, file };
        if (isClassLike(owner)) {
          const isStatic = isClassStaticBlockDeclaration(n) || hasModifier(n, ts.SyntaxKind.StaticKeyword);
          return { kind: isStatic ? 'class' : 'instance', node: owner, file };
        }
        return undefined;
      }
    }
    return undefined;
  }

  /** `value.name`. */
  member(value: Value, name: string): Value | undefined {
    return this.guard(() => {
      switch (value.kind) {
        case 'module':
          return this.exportOf(value.file, name);
        case 'object':
          return this.objectMember(value.node, name);
        case 'class':
        case 'instance':
          return this.classMember(value.node, name, value.kind === 'class');
        case 'external':
          return { kind: 'external', module: value.module, path: [...value.path, name] };
        case 'fninstance':
          return this.constructorFunctionMember(value.node, name);
        default:
          return undefined;
      }
    });
  }

  /**
   * A member of an instance of constructor function `fn`: `this.name = v` in
   * its body (an own property wins), else the last `W.prototype.name = v` or
   * `W.prototype = { name: v }` beside its declaration. Unknown when anything
   * in the project may subclass or patch it (`util.inherits(X, W)`,
   * `Object.create(W.prototype)`, `class X extends W`, `W.prototype[k] = ...`).
   */
  private constructorFunctionMember(fn: ts.FunctionDeclaration | ts.FunctionExpression, name: string): Value | undefined {
    const info = constructorFunctionInfo(fn);
    if (!info || this.patchedConstructors().has(info.name)) return undefined;
    const own = info.thisMembers.get(name);
    if (own) return this.valueOf(own);
    const proto = info.prototypeMembers.get(name);
    if (proto) return this.valueOf(proto);
    for (let i = info.prototypeObjects.length - 1; i >= 0; i--) {
      const v = this.objectMember(info.prototypeObjects[i]!, name);
      if (v) return v;
    }
    return undefined;
  }

  /** `this` in a function assigned as `W.prototype.m = function () {}` or in `W.prototype = { m: function () {} }`, or in `W` itself when it has a prototype. */
  private prototypeMethodThis(fn: ts.FunctionDeclaration | ts.FunctionExpression): Value | undefined {
    let owner: ts.Expression | undefined;
    let n: ts.Node = fn;
    while (n.parent && isParenthesizedExpression(n.parent)) n = n.parent;
    const parent = n.parent;
    if (parent && isBinaryExpression(parent) && parent.right === n && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = parent.left;
      if (isPropertyAccessExpression(left) && isPropertyAccessExpression(left.expression) && left.expression.name.text === 'prototype') owner = left.expression.expression;
    } else if (parent && (isPropertyAssignment(parent) || isMethodDeclaration(parent)) && isObjectLiteralExpression(parent.parent)) {
      let obj: ts.Node = parent.parent;
      while (obj.parent && isParenthesizedExpression(obj.parent)) obj = obj.parent;
      const assign = obj.parent;
      if (assign && isBinaryExpression(assign) && assign.right === obj && isPropertyAccessExpression(assign.left) && assign.left.name.text === 'prototype') owner = assign.left.expression;
    }
    let ctor: ts.FunctionDeclaration | ts.FunctionExpression | undefined;
    if (owner) {
      const v = this.valueOf(owner);
      if (v?.kind === 'function' && (isFunctionDeclaration(v.node) || isFunctionExpression(v.node))) ctor = v.node;
    } else if (constructorFunctionInfo(fn)?.hasPrototype) ctor = fn;
    if (!ctor) return undefined;
    const info = constructorFunctionInfo(ctor);
    if (!info || this.patchedConstructors().has(info.name)) return undefined;
    return { kind: 'fninstance', node: ctor, file: this.fileOf(ctor)! };
  }

  private patchedCache?: Set<string>;

  /** Names of constructor functions something in the project may subclass, mix into or patch by a computed name: their members are unknown. */
  private patchedConstructors(): Set<string> {
    this.readEvery();
    if (this.patchedCache) return this.patchedCache;
    const out = new Set<string>();
    const patterns = [/inherits\s*\(\s*[\w$.]+\s*,\s*([\w$]+)\s*\)/g, /Object\.create\s*\(\s*([\w$]+)\.prototype\b/g, /\bextends\s+([\w$]+)/g, /([\w$]+)\.prototype\s*\[/g, /(?:assign|extend|mixin)\s*\(\s*([\w$]+)\.prototype\b/g, /setPrototypeOf\s*\(\s*([\w$]+)\.prototype\b/g];
    for (const file of this.files) {
      if (!file.text.includes('prototype') && !file.text.includes('extends')) continue;
      for (const re of patterns) for (const m of file.text.matchAll(re)) out.add(m[1]!);
    }
    this.patchedCache = out;
    return out;
  }

  private objectMember(obj: ts.ObjectLiteralExpression, name: string): Value | undefined {
    const file = this.fileOf(obj)!;
    if (this.frame) this.read(file);
    // `const utils = {...}; utils.load = function () {...}`: assigned after the literal, so it wins.
    const assigned = this.assignedMembers(obj).get(name);
    if (assigned) return this.valueOf(assigned);
    // The last definition wins, as at run time.
    for (let i = obj.properties.length - 1; i >= 0; i--) {
      const p = obj.properties[i]!;
      if (isSpreadAssignment(p)) {
        const spread = this.valueOf(p.expression);
        const v = spread && this.member(spread, name);
        if (v) return v;
        continue;
      }
      if (propertyNameText(p.name) !== name) continue;
      if (isPropertyAssignment(p)) return this.valueOf(p.initializer);
      if (isShorthandPropertyAssignment(p)) {
        const decl = this.lookup(p.name.text, p);
        return decl ? this.valueOfDeclaration(decl) : undefined;
      }
      if (isMethodDeclaration(p)) return p.body ? { kind: 'function', node: p, file } : undefined;
      return undefined;
    }
    return undefined;
  }

  /** `name.member = value` statements beside the declaration `const name = { ... }` (same block), last one per member. */
  private assignedMembers(obj: ts.ObjectLiteralExpression): Map<string, ts.Expression> {
    const cached = ASSIGNED_MEMBERS.get(obj);
    if (cached) return cached;
    const out = new Map<string, ts.Expression>();
    ASSIGNED_MEMBERS.set(obj, out);
    let n: ts.Node = obj;
    while (n.parent && isParenthesizedExpression(n.parent)) n = n.parent;
    const decl = n.parent;
    if (!decl || !isVariableDeclaration(decl) || decl.initializer !== n || !isIdentifier(decl.name)) return out;
    const statement = decl.parent.parent;
    const container = statement?.parent;
    if (!statement || !isVariableStatement(statement) || !container || !(isSourceFile(container) || isBlock(container) || isModuleBlock(container))) return out;
    const name = decl.name.text;
    for (const st of container.statements) {
      if (!isExpressionStatement(st) || !isBinaryExpression(st.expression) || st.expression.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
      const left = st.expression.left;
      if (isPropertyAccessExpression(left) && isIdentifier(left.expression) && left.expression.text === name) out.set(left.name.text, st.expression.right);
    }
    return out;
  }

  classMember(cls: ts.ClassLikeDeclaration, name: string, isStatic: boolean): Value | undefined {
    const file = this.fileOf(cls)!;
    if (this.frame) this.read(file);
    for (const m of cls.members) {
      if (propertyNameText(m.name) !== name) continue;
      if (hasModifier(m, ts.SyntaxKind.StaticKeyword) !== isStatic) continue;
      if (isMethodDeclaration(m)) {
        if (m.body) return { kind: 'function', node: m, file };
        continue; // an overload signature: the implementation follows
      }
      if (isPropertyDeclaration(m) && m.initializer) return this.valueOf(m.initializer);
      if (isPropertyDeclaration(m) && !isStatic) return this.assignedThisMember(cls, name);
      if (isGetAccessor(m)) return undefined;
      return undefined;
    }
    if (!isStatic) {
      const assigned = this.assignedThisMember(cls, name);
      if (assigned) return assigned;
    }
    const base = baseClassExpression(cls);
    if (base) {
      const b = this.valueOf(base);
      if (b?.kind === 'class') return this.classMember(b.node, name, isStatic);
    }
    return undefined;
  }

  /**
   * `this.name = value` in the class's own members: the value, when every
   * such assignment agrees on it (`this.store = new Store()` in one method,
   * `this.store = store` from a constructor parameter every `new` fills the same way).
   */
  private assignedThisMember(cls: ts.ClassLikeDeclaration, name: string): Value | undefined {
    const assigned = thisAssignments(cls).get(name);
    // A subclass may assign the member too, and `this` may be one of its instances.
    if (!assigned?.length || this.subclassed().has(cls)) return undefined;
    return this.memo(assigned[0]!, `this.${name}`, () => this.agreed(assigned.map((e) => this.valueOf(e))));
  }

  private readonly memos = new Map<ts.Node, Map<string, MemoEntry | typeof PENDING>>();

  /**
   * Member and parameter values found by looking across the program are
   * computed once: chains of them (a parameter filled from another class's
   * member, filled from another parameter...) would otherwise be walked again
   * at every use. A cycle reads as unknown.
   */
  private memo(node: ts.Node, key: string, compute: () => Value | undefined): Value | undefined {
    let byKey = this.memos.get(node);
    if (!byKey) this.memos.set(node, (byKey = new Map()));
    const known = byKey.get(key);
    if (known !== undefined) {
      if (known === PENDING) {
        this.cutOff();
        return undefined;
      }
      if (this.frame) this.frame.add(known.reads);
      return known.value ?? undefined;
    }
    byKey.set(key, PENDING);
    const frame = this.beginReads();
    let v: Value | undefined;
    try {
      if (frame) {
        const file = this.fileOf(node);
        if (file) this.read(file);
      }
      v = compute();
    } finally {
      this.endReads(frame);
    }
    byKey.set(key, frame ? { value: v ?? null, reads: frame.reads() } : { value: v ?? null });
    return v;
  }

  /**
   * An untyped constructor parameter: what every `new C(...)` in the run
   * passes there, when they all pass the same class instance, function or
   * object. Not for a class something extends (its `super(...)` calls pass
   * values too) or when a `new` passes it through a spread.
   */
  private valueOfConstructorParameter(p: ts.ParameterDeclaration): Value | undefined {
    return this.memo(p, 'new', () => this.constructorArgument(p));
  }

  private constructorArgument(p: ts.ParameterDeclaration): Value | undefined {
    const ctor = p.parent;
    if (!isConstructorDeclaration(ctor) || p.dotDotDotToken || !isIdentifier(p.name)) return undefined;
    const cls = ctor.parent;
    const index = ctor.parameters.indexOf(p);
    const sites = this.newSites().get(cls);
    if (!sites?.length || this.subclassed().has(cls)) return undefined;
    const values: (Value | undefined)[] = [];
    for (const site of sites) {
      const args = site.arguments ?? [];
      if (args.slice(0, index + 1).some((a) => isSpreadElement(a))) return undefined;
      const arg = args[index];
      values.push(arg ? this.valueOf(arg) : undefined);
    }
    return this.agreed(values);
  }

  /** The one value all of `values` are, if they are one. */
  private agreed(values: (Value | undefined)[]): Value | undefined {
    const first = values[0];
    if (!first || !('node' in first) || first.kind === 'object') return undefined;
    for (const v of values) if (!v || v.kind !== first.kind || !('node' in v) || v.node !== first.node) return undefined;
    return first;
  }


  /** Every `new C(...)` of a project class in the run, by class. */
  private newSites(): Map<ts.Node, ts.NewExpression[]> {
    return this.projectTable('new', () => new Map<ts.Node, ts.NewExpression[]>(), (out) => this.collectNewSites(out));
  }

  private readonly tables = new Map<string, { value: unknown; filling: boolean }>();

  /** A project-wide table, filled on first use. Asked for again while it is being filled, it is partial: a cut-off (see cached). */
  private projectTable<T>(name: string, make: () => T, fill: (out: T) => void): T {
    this.readEvery();
    const known = this.tables.get(name);
    if (known) {
      if (known.filling) this.cutOff();
      return known.value as T;
    }
    const entry = { value: make() as unknown, filling: true };
    this.tables.set(name, entry);
    try {
      fill(entry.value as T);
    } finally {
      entry.filling = false;
    }
    return entry.value as T;
  }

  private collectNewSites(out: Map<ts.Node, ts.NewExpression[]>): void {
    for (const file of this.files) {
      if (!file.text.includes('new ')) continue;
      for (const n of this.syntaxNodes(file)) {
        if (isNewExpression(n)) {
          const v = this.moduleExportValue(this.valueOf(n.expression));
          if (v?.kind === 'class') {
            const list = out.get(v.node);
            if (list) list.push(n);
            else out.set(v.node, [n]);
          }
        }
      }
    }
  }

  /** Project classes some project class extends. */
  private subclassed(): Set<ts.Node> {
    return this.projectTable('subclassed', () => new Set<ts.Node>(), (out) => this.collectSubclassed(out));
  }

  private collectSubclassed(out: Set<ts.Node>): void {
    for (const file of this.files) {
      if (!file.text.includes('extends')) continue;
      for (const n of this.syntaxNodes(file)) {
        if (isClassLike(n)) {
          const base = baseClassExpression(n);
          const b = base && this.valueOf(base);
          if (b?.kind === 'class') out.add(b.node);
        }
      }
    }
  }

  /** A module whose whole export is one value (`module.exports = X`, `export = X`) stands for that value; anything else is returned as it is. */
  moduleExportValue(value: Value | undefined): Value | undefined {
    if (value?.kind !== 'module') return value;
    const cjs = this.exportsOf(value.file).cjs;
    return (cjs && this.valueOf(cjs)) ?? value;
  }

  /** The function a callee value is, when it is a project function. */
  functionOf(value: Value | undefined): Extract<Value, { kind: 'function' }> | undefined {
    if (!value) return undefined;
    if (value.kind === 'function') return value;
    if (value.kind === 'module') {
      const cjs = this.exportsOf(value.file).cjs;
      const v = cjs ? this.valueOf(cjs) : undefined;
      return v?.kind === 'function' ? v : undefined;
    }
    return undefined;
  }

  /**
   * valueOf, valueOfDeclaration and exportOf give the same answer every time
   * they are asked, unless resolution was cut short: by the depth guard, or by
   * reading a value still being computed (a cycle). An answer nothing cut
   * short is kept with its height (how far below its start the guard was
   * reached) and given again wherever the guard would admit the same
   * resolution (start depth + height within the limit); anywhere else it is
   * computed again, exactly as without the cache. Barrel files (`export *`
   * chains) made exportOf walk the same re-exports at every import.
   */
  private cached<K>(table: Map<K, CachedValue>, key: K, compute: () => Value | undefined): Value | undefined {
    const hit = table.get(key);
    if (hit && this.admits(hit)) {
      if (this.frame) this.frame.add(hit.reads);
      return hit.value;
    }
    const start = this.depth;
    const outerPeak = this.peak;
    const cutoffs = this.cutoffs;
    this.peak = start;
    const frame = this.beginReads();
    try {
      const value = compute();
      if (this.cutoffs === cutoffs) table.set(key, frame ? { value, height: this.peak - start, reads: frame.reads() } : { value, height: this.peak - start });
      return value;
    } finally {
      if (outerPeak > this.peak) this.peak = outerPeak;
      this.endReads(frame);
    }
  }

  /** Whether a kept answer may be given at the current depth (its resolution fits under the guard's limit); if so, it counts toward the peak. */
  private admits(hit: CachedValue): boolean {
    const reach = this.depth + hit.height;
    if (reach > MAX_DEPTH) return false;
    if (reach > this.peak) this.peak = reach;
    return true;
  }

  private guard<T>(fn: () => T | undefined): T | undefined {
    // Aliases can be circular (`const a = b; const b = a`); give up beyond a sane depth.
    if (this.depth > MAX_DEPTH) {
      this.cutOff();
      return undefined;
    }
    if (this.depth > this.peak) this.peak = this.depth;
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }
}

const PENDING = Symbol('pending');

export function baseClassExpression(cls: ts.ClassLikeDeclaration): ts.Expression | undefined {
  for (const h of cls.heritageClauses ?? []) {
    if (h.token === ts.SyntaxKind.ExtendsKeyword && h.types[0]) return h.types[0].expression;
  }
  return undefined;
}

function moduleSpecifierOf(decl: ts.ImportDeclaration | ts.JSDocImportTag): string | undefined {
  return isStringLiteral(decl.moduleSpecifier) ? decl.moduleSpecifier.text : undefined;
}

export function isModuleExports(expr: ts.Expression): boolean {
  return isPropertyAccessExpression(expr) && isIdentifier(expr.expression) && expr.expression.text === 'module' && expr.name.text === 'exports';
}

function isExportsIdentifier(expr: ts.Expression): boolean {
  return isIdentifier(expr) && expr.text === 'exports';
}

/** `require('x')` with a literal, where `require` is not a local binding. */
export function requireSpecifier(call: ts.CallExpression, model: ProjectModel): string | undefined {
  const callee = call.expression;
  if (!isIdentifier(callee) || callee.text !== 'require' || call.arguments.length !== 1) return undefined;
  const arg = call.arguments[0]!;
  if (!isStringLiteralLike(arg)) return undefined;
  if (model.lookup('require', call)) return undefined;
  return arg.text;
}

export function bindingNames(name: ts.BindingName): string[] {
  return bindingDeclarations(name, name).map(([n]) => n);
}

/** Names a binding introduces, each with the node whose value it is (the declaration, or a binding element). */
function bindingDeclarations(name: ts.BindingName, decl: ts.Node): [string, ts.Node][] {
  if (isIdentifier(name)) return [[name.text, decl]];
  const out: [string, ts.Node][] = [];
  for (const el of name.elements) {
    if (isOmittedExpression(el)) continue;
    if (isIdentifier(el.name)) out.push([el.name.text, isParameter(decl) ? decl : el]);
    else out.push(...bindingDeclarations(el.name, isParameter(decl) ? decl : el));
  }
  return out;
}

function addStatementDeclarations(st: ts.Statement, decls: Map<string, ts.Node>): void {
  if (isFunctionDeclaration(st) && st.name) {
    // Overloads: keep the implementation.
    if (st.body || !decls.has(st.name.text)) decls.set(st.name.text, st);
  } else if (isClassDeclaration(st) && st.name) decls.set(st.name.text, st);
  else if (isVariableStatement(st)) {
    for (const d of st.declarationList.declarations) for (const [n, b] of bindingDeclarations(d.name, d)) decls.set(n, b);
  } else if (isImportDeclaration(st) && st.importClause) {
    const c = st.importClause;
    if (c.name) decls.set(c.name.text, c);
    if (c.namedBindings) {
      if (isNamespaceImport(c.namedBindings)) decls.set(c.namedBindings.name.text, c.namedBindings);
      else for (const el of c.namedBindings.elements) decls.set(el.name.text, el);
    }
  } else if (isImportEqualsDeclaration(st)) decls.set(st.name.text, st);
  else if (isEnumDeclaration(st)) decls.set(st.name.text, st);
  else if (isLabeledStatement(st)) addStatementDeclarations(st.statement, decls);
}

/** `var` declarations anywhere in a function body (or file), not entering nested functions. */
function collectVars(root: ts.Node, decls: Map<string, ts.Node>): void {
  // The parser gives a declaration list no block-scoping flag only after a `var` token, or after
  // `await` followed by `using` that is not quite an `await using` declaration (a for-of head):
  // without those words in the text, and no escape that could spell one, there is nothing to
  // find, and the walk is skipped.
  const text = root.getSourceFile().text.slice(root.pos, root.end);
  if (!text.includes('var') && !(text.includes('await') && text.includes('using')) && !text.includes('\\')) return;
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n) || isClassLike(n)) return;
    if (isVariableDeclarationList(n) && !(n.flags & ts.NodeFlags.BlockScoped)) {
      for (const d of n.declarations) for (const [name, b] of bindingDeclarations(d.name, d)) if (!decls.has(name)) decls.set(name, b);
    }
    forEachChild(n, visit);
  };
  forEachChild(root, visit);
}

const THIS_ASSIGNMENTS = new WeakMap<ts.Node, Map<string, ts.Expression[]>>();

/** `this.x = value` in a class's instance members (not inside nested functions, where `this` is another object). */
export function thisAssignments(cls: ts.ClassLikeDeclaration): Map<string, ts.Expression[]> {
  const cached = THIS_ASSIGNMENTS.get(cls);
  if (cached) return cached;
  const out = new Map<string, ts.Expression[]>();
  THIS_ASSIGNMENTS.set(cls, out);
  const visit = (n: ts.Node): void => {
    if (isFunctionDeclaration(n) || isFunctionExpression(n) || isClassLike(n)) return;
    if (isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && isPropertyAccessExpression(n.left) && n.left.expression.kind === ts.SyntaxKind.ThisKeyword) {
      const list = out.get(n.left.name.text);
      if (list) list.push(n.right);
      else out.set(n.left.name.text, [n.right]);
    }
    forEachChild(n, visit);
  };
  for (const m of cls.members) {
    if (hasModifier(m, ts.SyntaxKind.StaticKeyword)) continue;
    if ((isConstructorDeclaration(m) || isMethodDeclaration(m) || isGetAccessor(m) || isSetAccessor(m)) && m.body) forEachChild(m.body, visit);
  }
  return out;
}

/** The one `return <expr>` of a function body (not counting nested functions), or an arrow's expression body. */
function singleReturn(fn: ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction): ts.Expression | undefined {
  if (!fn.body) return undefined;
  if (!isBlock(fn.body)) return fn.body;
  const returns: ts.ReturnStatement[] = [];
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n) || isClassLike(n)) return;
    if (isReturnStatement(n)) returns.push(n);
    forEachChild(n, visit);
  };
  forEachChild(fn.body, visit);
  return returns.length === 1 ? returns[0]!.expression : undefined;
}

interface ConstructorFunctionInfo {
  name: string;
  /** `this.name = value` in the function's own body (not in nested functions). */
  thisMembers: Map<string, ts.Expression>;
  /** `Name.prototype.member = value` beside the declaration, last one per member. */
  prototypeMembers: Map<string, ts.Expression>;
  /** `Name.prototype = { ... }` beside the declaration, in order. */
  prototypeObjects: ts.ObjectLiteralExpression[];
  hasPrototype: boolean;
}

const CONSTRUCTOR_INFO = new WeakMap<ts.Node, ConstructorFunctionInfo | null>();

/**
 * What a pre-ES6 constructor function `function W() {}` (or `var W = function () {}`)
 * defines: undefined when it has no name, or when `W.prototype` is assigned
 * something other than an object literal (`Object.create(Base.prototype)`).
 */
function constructorFunctionInfo(fn: ts.FunctionDeclaration | ts.FunctionExpression): ConstructorFunctionInfo | undefined {
  const cached = CONSTRUCTOR_INFO.get(fn);
  if (cached !== undefined) return cached ?? undefined;
  const info = computeConstructorFunctionInfo(fn);
  CONSTRUCTOR_INFO.set(fn, info ?? null);
  return info;
}

function computeConstructorFunctionInfo(fn: ts.FunctionDeclaration | ts.FunctionExpression): ConstructorFunctionInfo | undefined {
  let name: string | undefined;
  let statement: ts.Node | undefined;
  if (isFunctionDeclaration(fn)) {
    name = fn.name?.text;
    statement = fn;
  } else {
    let n: ts.Node = fn;
    while (n.parent && isParenthesizedExpression(n.parent)) n = n.parent;
    const decl = n.parent;
    if (decl && isVariableDeclaration(decl) && isIdentifier(decl.name) && decl.initializer === n) {
      name = decl.name.text;
      statement = decl.parent?.parent;
    }
  }
  const container = statement?.parent;
  if (!name || !statement || !container || !(isSourceFile(container) || isBlock(container) || isModuleBlock(container))) return undefined;
  const info: ConstructorFunctionInfo = { name, thisMembers: new Map(), prototypeMembers: new Map(), prototypeObjects: [], hasPrototype: false };
  for (const st of container.statements) {
    if (!isExpressionStatement(st)) continue;
    const e = st.expression;
    if (!isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken) continue;
    const left = e.left;
    if (isPropertyAccessExpression(left) && left.name.text === 'prototype' && isIdentifier(left.expression) && left.expression.text === name) {
      const right = skipOuter(e.right);
      if (!isObjectLiteralExpression(right)) return undefined;
      info.prototypeObjects.push(right);
      // An earlier `W.prototype.m = ...` is replaced with the whole prototype.
      info.prototypeMembers.clear();
      info.hasPrototype = true;
    } else if (
      isPropertyAccessExpression(left) &&
      isPropertyAccessExpression(left.expression) &&
      left.expression.name.text === 'prototype' &&
      isIdentifier(left.expression.expression) &&
      left.expression.expression.text === name
    ) {
      info.prototypeMembers.set(left.name.text, e.right);
      info.hasPrototype = true;
    }
  }
  if (fn.body) {
    const visit = (n: ts.Node): void => {
      if (isFunctionLike(n) && !isArrowFunction(n)) return;
      if (isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.EqualsToken && isPropertyAccessExpression(n.left) && n.left.expression.kind === ts.SyntaxKind.ThisKeyword) {
        info.thisMembers.set(n.left.name.text, n.right);
      }
      forEachChild(n, visit);
    };
    forEachChild(fn.body, visit);
  }
  return info;
}
