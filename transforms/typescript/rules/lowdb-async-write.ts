// lowdb-sync-adapter, the rewrite: a lowdb 1.x database opened with the
// FileSync adapter keeps its synchronous start-up read, and its writes go
// through lowdb's own FileAsync writer (steno: one write at a time per file,
// the latest state last). `low(adapter)` stays synchronous (lowdb calls
// `adapter.read()`, still FileSync's), every `.write()` then returns a promise
// of the value it returned before, and awaitify awaits each one.
//
// All or nothing, per database: a `.write()` left unawaited would run its file
// write after the caller went on (and return a promise where a value was
// expected), and a FileSync `writeFileSync` beside a queued async write could
// land before an older state. So the writes of one database are rewritten only
// when every one of them is in a function that becomes async; otherwise each is
// reported, naming the write that keeps the others sync.
import { readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { ts } from 'ts-morph';
import type { PropagationResult } from '../../core/plan.js';
import type { ImportRequest, Safety, TextEdit } from '../../core/types.js';
import type { BlockingRewrite } from '../engine.js';
import type { FunctionInfo } from '../analysis/graph.js';
import type { FileInfo, ProjectModel } from '../analysis/model.js';
import type { ImportNamer } from '../imports.js';
import type { ScopeIndex } from '../blocking/scope.js';
import { awaitWrapEdits } from '../syntax.js';

export const LOWDB_RULE = 'lowdb-sync-adapter';

/** One FileSync database of a file and whether its writes may move to the async writer. */
export interface LowdbDatabase {
  /** `const db = low(adapter)`. */
  db: ts.VariableDeclaration;
  /** Why the writes stay as they are, when they do. */
  refused?: string;
  /** Every `.write()` call on the database in its file, in source order. */
  writes: ts.CallExpression[];
  /** `export`ed (or assigned to module.exports): other modules may write through it. */
  exported: boolean;
  /**
   * The statement the writer goes after: the adapter's, or the last top-level
   * statement that writes (start-up writes stay sync: they run before it).
   */
  insertAfter?: ts.Statement;
  adapterName?: string;
  /** `new FileSync<T>(args)` as written, for `new FileAsync<T>(args)`. */
  typeArgs?: string;
  args?: string;
}

// A run's databases: their writes and refusals are that run's (typescript/project.ts keeps nodes between runs).
let CACHE = new WeakMap<ts.VariableDeclaration, LowdbDatabase>();

export function forgetLowdbDatabases(): void {
  CACHE = new WeakMap();
}

/**
 * The database `db` (declared by `decl`, created by `low(adapter)` with the
 * adapter bound by `adapterDecl`) and whether its writes can be rewritten.
 */
export function lowdbDatabase(decl: ts.VariableDeclaration, adapterDecl: ts.VariableDeclaration | undefined, scopes: ScopeIndex): LowdbDatabase {
  const cached = CACHE.get(decl);
  if (cached) return cached;
  const out = analyze(decl, adapterDecl, scopes);
  CACHE.set(decl, out);
  return out;
}

function lineOf(node: ts.Node): number {
  const sf = node.getSourceFile();
  return sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
}

function analyze(decl: ts.VariableDeclaration, adapterDecl: ts.VariableDeclaration | undefined, scopes: ScopeIndex): LowdbDatabase {
  const out: LowdbDatabase = { db: decl, writes: [], exported: false };
  const refuse = (why: string): LowdbDatabase => {
    out.refused ??= why;
    return out;
  };
  const sf = decl.getSourceFile();
  const dbName = (decl.name as ts.Identifier).text;
  const dbStatement = decl.parent.parent;
  if (!ts.isVariableStatement(dbStatement) || dbStatement.parent !== sf || !(decl.parent.flags & ts.NodeFlags.Const)) {
    return refuse(`\`${dbName}\` is not a \`const\` at the module's top level, so awaitify cannot see every write`);
  }
  if (dbStatement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) out.exported = true;
  if (!adapterDecl) return refuse('the adapter is created inside `low(...)`; bind it to a `const` first (`const adapter = new FileSync(file)`)');
  const adapterStatement = adapterDecl.parent.parent;
  if (
    !ts.isIdentifier(adapterDecl.name) ||
    !ts.isVariableStatement(adapterStatement) ||
    adapterStatement.parent !== sf ||
    adapterStatement.declarationList.declarations.length !== 1 ||
    !(adapterDecl.parent.flags & ts.NodeFlags.Const)
  ) {
    return refuse('the FileSync adapter is not a `const` of its own at the module\'s top level');
  }
  const ctor = adapterDecl.initializer && skip(adapterDecl.initializer);
  if (!ctor || !ts.isNewExpression(ctor)) return refuse('the adapter is not created with `new FileSync(...)`');
  const args = ctor.arguments ?? [];
  if (!args.length || !args.every(isPlain)) return refuse('the FileSync arguments are not names or literals, so the async writer cannot be given the same ones');
  out.insertAfter = adapterStatement;
  out.adapterName = adapterDecl.name.text;
  out.typeArgs = ctor.typeArguments?.length ? `<${ctor.typeArguments.map((t) => t.getText(sf)).join(', ')}>` : '';
  out.args = args.map((a) => a.getText(sf)).join(', ');

  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node !== decl.name && node.text === dbName && scopes.resolve(dbName, node) === decl && !isPropertyName(node)) {
      const why = useOfDb(node, out);
      if (why) refuse(`${why} (line ${lineOf(node)})`);
    }
    if (ts.isIdentifier(node) && node !== adapterDecl.name && node.text === out.adapterName && scopes.resolve(node.text, node) === adapterDecl && !isPropertyName(node)) {
      const call = node.parent;
      if (!(ts.isCallExpression(call) && call === skip(decl.initializer!) && call.arguments[0] === node)) refuse(`the adapter \`${out.adapterName}\` is used elsewhere than in \`low(${out.adapterName})\` (line ${lineOf(node)})`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (!out.writes.length) refuse('nothing writes the database');
  // `db.defaults({ posts: [] }).write()` at start-up: written with FileSync before the writer is swapped.
  for (const write of out.writes) {
    if (enclosingFunction(write)) continue;
    let st: ts.Node = write;
    while (st.parent !== sf) st = st.parent;
    if (st.getStart(sf) > out.insertAfter.getStart(sf)) out.insertAfter = st as ts.Statement;
  }
  return out;
}

/** Why this use of the database keeps its writes sync, or undefined (and a `.write()` call is collected). */
function useOfDb(id: ts.Identifier, out: LowdbDatabase): string | undefined {
  const parent = id.parent;
  if (ts.isExportAssignment(parent) || ts.isExportSpecifier(parent) || ts.isShorthandPropertyAssignment(parent)) {
    out.exported = true;
    return ts.isShorthandPropertyAssignment(parent) ? `\`${id.text}\` is put in an object` : undefined;
  }
  if (ts.isBinaryExpression(parent) && parent.right === id && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && /^(module\.)?exports\b/.test(parent.left.getText())) {
    out.exported = true;
    return undefined;
  }
  if (!ts.isPropertyAccessExpression(parent) || parent.expression !== id) return `\`${id.text}\` is handed over or stored, so awaitify cannot see every write through it`;
  // Up the chain: db.get('x').push(y).write()
  let node: ts.Expression = parent;
  for (;;) {
    const up: ts.Node = node.parent;
    if (ts.isPropertyAccessExpression(node)) {
      const name = node.name.text;
      if (name === 'read') return '`.read()` reads the file again, which a pending async write would race';
      if (name === 'write') {
        if (!ts.isCallExpression(up) || up.expression !== node) return '`.write` is used without being called';
        out.writes.push(up);
      }
    }
    if ((ts.isCallExpression(up) && up.expression === node) || (ts.isPropertyAccessExpression(up) && up.expression === node)) {
      node = up;
      continue;
    }
    return undefined;
  }
}

function enclosingFunction(node: ts.Node): ts.Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (ts.isFunctionLike(n) || ts.isClassStaticBlockDeclaration(n)) return n;
  return undefined;
}

function isPropertyName(id: ts.Identifier): boolean {
  const p = id.parent;
  return (ts.isPropertyAccessExpression(p) && p.name === id) || (ts.isPropertyAssignment(p) && p.name === id) || (ts.isMethodDeclaration(p) && p.name === id);
}

function skip(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

/** An argument that can be evaluated twice with the same result: a name, a literal, `a.b.c`. */
function isPlain(e: ts.Expression): boolean {
  e = skip(e);
  if (ts.isIdentifier(e) || ts.isStringLiteralLike(e) || ts.isNumericLiteral(e)) return true;
  if (ts.isPropertyAccessExpression(e)) return isPlain(e.expression);
  return false;
}

/**
 * The rewrite of one `.write()` of a database whose writes may move: the call
 * awaited; the first write of the file also carries the writer set up after
 * the adapter (`adapter.write = (state) => writer.write(state)`) and its import.
 */
export function lowdbWriteRewrite(call: ts.CallExpression, database: LowdbDatabase, namer: ImportNamer): { edits: TextEdit[]; imports: ImportRequest[]; message: string; safety: 'review' } {
  const edits: TextEdit[] = awaitWrapEdits(call);
  const imports: ImportRequest[] = [];
  const sf = call.getSourceFile();
  // The first write that runs after start-up carries the writer (all of them are applied, or none).
  if (database.writes.find((w) => enclosingFunction(w)) === call) {
    const { local, request } = namer.namespace('lowdb/adapters/FileAsync', 'FileAsync');
    if (request) imports.push({ ...request, kind: 'default' });
    const writer = namer.freshLocal(`${database.adapterName}Writer`);
    const statement = database.insertAfter!;
    const end = statement.getEnd();
    const lineStart = sf.text.lastIndexOf('\n', statement.getStart(sf) - 1) + 1;
    const indent = sf.text.slice(lineStart, statement.getStart(sf));
    const semi = statement.getText(sf).trimEnd().endsWith(';') ? ';' : '';
    edits.push({
      start: end,
      end,
      text: `\n${indent}// From here on lowdb writes through FileAsync's writer (one write at a time, the latest state last); start-up code above keeps FileSync.\n${indent}const ${writer} = new ${local}${database.typeArgs}(${database.args})${semi}\n${indent}${database.adapterName}.write = (state) => ${writer}.write(state)${semi}`,
    });
  }
  const name = (database.db.name as ts.Identifier).text;
  return {
    edits,
    imports,
    message: `${chainText(call)} writes the whole lowdb file with writeFileSync (FileSync adapter): awaited now, through lowdb's FileAsync writer for \`${name}\`. Review: the in-memory state changes at once as before, but other requests now run while the file is written, and can read what is not on disk yet.`,
    safety: 'review',
  };
}

function chainText(call: ts.CallExpression): string {
  const text = call.getText().replace(/\s*\n\s*/g, '').replace(/\s+/g, ' ');
  return `\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\``;
}

/** The manual finding of a write whose database keeps the FileSync writer. */
export function lowdbManual(call: ts.CallExpression, why: string): string {
  return `${chainText(call)} blocks the event loop: the lowdb FileSync adapter writes the whole file with writeFileSync. awaitify moves a database's writes to lowdb's FileAsync writer only when it can await every one of them, and here ${why}. By hand: switch to FileAsync (\`const db = await low(new FileAsync(file))\`, low() then returns a promise) and await every \`.write()\`.`;
}

interface LowdbSeed {
  blocking: { call: { compilerNode: ts.CallExpression }; lowdb?: LowdbDatabase };
  file: FileInfo;
  fn: FunctionInfo | null;
  rewrite: BlockingRewrite;
}

function groups<S extends LowdbSeed>(seeds: S[]): Map<LowdbDatabase, S[]> {
  const out = new Map<LowdbDatabase, S[]>();
  for (const seed of seeds) {
    const db = seed.blocking.lowdb;
    if (db) out.set(db, [...(out.get(db) ?? []), seed]);
  }
  return out;
}

function revert(seeds: LowdbSeed[], why: string, counted: (s: LowdbSeed) => boolean): void {
  for (const seed of seeds) {
    if ('manual' in seed.rewrite) continue;
    if (seed.fn && counted(seed)) seed.fn.graph.seeds--;
    seed.rewrite = { manual: lowdbManual(seed.blocking.call.compilerNode, why) };
  }
}

/**
 * Before planning: a database exported from its module keeps its writes sync
 * when another project file imports that module's database, or the package
 * has a `main`/`exports` (code outside the project could write through it).
 */
export function refuseExportedLowdb(seeds: LowdbSeed[], model: ProjectModel, files: FileInfo[], root: string): void {
  let manifest: { main?: unknown; exports?: unknown } = {};
  try {
    manifest = JSON.parse(readFileSync(nodePath.join(root, 'package.json'), 'utf8')) as typeof manifest;
  } catch {
    // No manifest: nothing outside the project names an entry.
  }
  for (const [db, list] of groups(seeds)) {
    if (!db.exported || db.refused) continue;
    const home = list[0]!.file;
    const name = (db.db.name as ts.Identifier).text;
    let why: string | undefined;
    if (manifest.main !== undefined || manifest.exports !== undefined) why = `\`${name}\` is exported from a package with a \`main\`/\`exports\`, so code outside the project may write through it`;
    for (const file of files) {
      if (why) break;
      if (file === home) continue;
      for (const spec of importedSpecifiers(file.sf)) {
        if (model.resolveModule(spec.text, file) !== home) continue;
        why = `\`${name}\` is exported and ${file.path}:${lineOf(spec)} imports its module, so writes there are not seen`;
        break;
      }
    }
    if (why) {
      db.refused = why;
      revert(list, why, () => false);
    }
  }
}

/** Module specifiers of imports and `require()` calls that may bind a whole module or its default export. */
function importedSpecifiers(sf: ts.SourceFile): ts.StringLiteralLike[] {
  const out: ts.StringLiteralLike[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteralLike(node.moduleSpecifier)) {
      const clause = node.importClause;
      // Named imports of functions cannot reach the database; a default or namespace import, or a named `db`, can.
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : undefined;
      if (!clause || clause.name || (clause.namedBindings && !named) || named?.elements.some((e) => /^(db|database)$/i.test((e.propertyName ?? e.name).text))) out.push(node.moduleSpecifier);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      out.push(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/**
 * After planning: the writes of a database are rewritten together or not at
 * all. When one of them would stay sync (its function does not become async),
 * every write of that database becomes manual and the caller plans again.
 */
export function enforceLowdbAllOrNothing(seeds: LowdbSeed[], result: PropagationResult, willApply: (safety: Safety) => boolean): boolean {
  let changed = false;
  for (const [db, list] of groups(seeds)) {
    const rewritten = list.filter((s) => !('manual' in s.rewrite));
    if (!rewritten.length) continue;
    // Writes at module top level run at start-up, before the writer is swapped: they stay sync.
    const later = list.filter((s) => s.fn || enclosingFunction(s.blocking.call.compilerNode));
    const culprit = later.find((s) => 'manual' in s.rewrite || !s.fn || !willApply((s.rewrite as { safety: Safety }).safety) || !result.rewriteIn.has(s.fn.id));
    if (!culprit) continue;
    const call = culprit.blocking.call.compilerNode;
    const fnName = culprit.fn?.graph.name;
    const pin = culprit.fn ? result.pinned.get(culprit.fn.id) : undefined;
    const because = !culprit.fn
      ? 'it is in code awaitify does not see as a function'
      : 'manual' in culprit.rewrite
        ? culprit.rewrite.manual.replace(/^Blocking call left as it is: /, '')
        : !willApply('review')
          ? 'the rewrite is review, which --safety safe does not apply'
          : pin
            ? pin.reason
            : (culprit.fn?.graph.cannotBeAsync?.reason ??
              result.boundaries.find((b) => b.calleePath === culprit.fn!.graph.path && b.calleeLine === culprit.fn!.graph.line)?.reason.replace(/^.* stays sync: /, `\`${fnName}\` stays sync: `) ??
              `\`${fnName}\` does not become async`);
    db.refused = `the write ${chainText(call)} at line ${lineOf(call)} stays sync (${because})`;
    revert(list, db.refused, (s) => willApply((s.rewrite as { safety: Safety }).safety));
    changed = true;
  }
  return changed;
}
