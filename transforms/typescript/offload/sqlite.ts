// Calls into sync-only database libraries (better-sqlite3, node:sqlite's
// DatabaseSync, node-sqlite3-wasm): every query runs on the calling thread.
// A handle is followed from the `new` that opened it, through variables,
// prepared statements and module exports, so `users.byId(id)` in one file is
// seen to query the handle another file opened.
import { ts } from 'ts-morph';
import { SYNC_ONLY_DATABASES, type SyncOnlyDatabaseLibrary } from '../../catalog/node-sync-only.js';
import { isModuleExports, normalizeModuleName, propertyNameText, requireSpecifier, skipOuter, thisAssignments, type FileInfo, type ProjectModel } from '../analysis/model.js';

import { SQLITE_RULE } from './rules.js';

// The members of `ts` are getters on an object of thousands of properties (each read about ten times
// a local's cost): the node tests this module calls on every evaluation are read once.
const { forEachChild, isBinaryExpression, isBindingElement, isCallExpression, isClassLike, isConstructorDeclaration, isExportAssignment, isExportDeclaration, isExpressionStatement, isIdentifier, isImportClause, isImportSpecifier, isNamedExports, isNewExpression, isObjectBindingPattern, isObjectLiteralExpression, isParameter, isPropertyAccessExpression, isPropertyAssignment, isPropertyDeclaration, isShorthandPropertyAssignment, isSpreadElement, isStringLiteral, isStringLiteralLike, isVariableDeclaration, isVariableStatement } = ts;

export { SQLITE_RULE };

/** What an expression holds: a database handle, a prepared statement, or a transaction function. */
export interface DatabaseValue {
  kind: 'handle' | 'statement' | 'transaction';
  lib: SyncOnlyDatabaseLibrary;
  /** The `new` expression that opened the handle. */
  opened: ts.NewExpression;
}

export interface SyncOnlyCall {
  call: ts.CallExpression;
  file: FileInfo;
  value: DatabaseValue;
  /** The call returns an iterator (`stmt.iterate()`), which cannot leave its thread. */
  iterator: boolean;
}

const TRANSACTION_VARIANTS = new Set(['deferred', 'immediate', 'exclusive']);
const QUERY_NAMES = new Set(SYNC_ONLY_DATABASES.flatMap((l) => [...l.handleQueries, ...l.statementQueries]));
const CANDIDATE_TEXT = new RegExp(`\\.(${[...QUERY_NAMES].join('|')})\\s*\\(|\\.transaction\\s*\\(`);

export class DatabaseResolver {
  private readonly cache = new Map<ts.Node, DatabaseValue | null>();
  private readonly active = new Set<ts.Node>();

  constructor(private readonly model: ProjectModel) {}

  /** The database value `expr` evaluates to, when syntax can tell. */
  valueOf(expr: ts.Expression): DatabaseValue | undefined {
    const e = skipOuter(expr);
    const cached = this.cache.get(e);
    if (cached !== undefined) return cached ?? undefined;
    if (this.active.has(e)) return undefined;
    this.active.add(e);
    let result: DatabaseValue | undefined;
    try {
      result = this.compute(e);
    } finally {
      this.active.delete(e);
    }
    this.cache.set(e, result ?? null);
    return result;
  }

  private compute(e: ts.Expression): DatabaseValue | undefined {
    if (isNewExpression(e)) {
      const v = this.model.valueOf(e.expression);
      if (v?.kind !== 'external') return undefined;
      const lib = SYNC_ONLY_DATABASES.find(
        (l) =>
          normalizeModuleName(l.module) === v.module &&
          (l.constructorExport ? v.path.length === 1 && v.path[0] === l.constructorExport : v.path.length === 0 || (v.path.length === 1 && v.path[0] === 'default')),
      );
      return lib && { kind: 'handle', lib, opened: e };
    }
    if (isCallExpression(e)) {
      const spec = requireSpecifier(e, this.model);
      if (spec !== undefined) return this.exported(spec, 'default', e);
      if (!isPropertyAccessExpression(e.expression)) return undefined;
      const base = this.valueOf(e.expression.expression);
      const name = e.expression.name.text;
      if (!base) return undefined;
      if (base.kind === 'handle' && base.lib.statementFactories.includes(name)) return { ...base, kind: 'statement' };
      if (base.kind === 'handle' && base.lib.transactionFactories.includes(name)) return { ...base, kind: 'transaction' };
      if (base.kind === 'statement' && base.lib.statementChains.includes(name)) return base;
      return undefined;
    }
    if (isPropertyAccessExpression(e)) {
      const base = this.valueOf(e.expression);
      if (base?.kind === 'transaction' && TRANSACTION_VARIANTS.has(e.name.text)) return base;
      if (e.expression.kind === ts.SyntaxKind.ThisKeyword) return this.ofThisMember(e);
      // `db.handle` where `db` is a module object.
      const mod = this.model.valueOf(e.expression);
      if (mod?.kind === 'module') return this.exportedFrom(mod.file, e.name.text);
      return undefined;
    }
    if (isIdentifier(e)) {
      const decl = this.model.lookup(e.text, e);
      return decl ? this.ofDeclaration(decl) : undefined;
    }
    return undefined;
  }

  /** `this.db` in a class whose field initializer, or every `this.db = ...` in its members, opens the same handle. */
  private ofThisMember(e: ts.PropertyAccessExpression): DatabaseValue | undefined {
    let cls: ts.Node | undefined = e.parent;
    while (cls && !isClassLike(cls)) cls = cls.parent;
    if (!cls || !isClassLike(cls)) return undefined;
    const name = e.name.text;
    const field = cls.members.find((m): m is ts.PropertyDeclaration => isPropertyDeclaration(m) && propertyNameText(m.name) === name);
    if (field?.initializer) return this.valueOf(field.initializer);
    const values = (thisAssignments(cls).get(name) ?? []).map((a) => this.valueOf(a));
    const first = values[0];
    return first && values.every((v) => v?.opened === first.opened && v.kind === first.kind) ? first : undefined;
  }

  private ofDeclaration(decl: ts.Node): DatabaseValue | undefined {
    if (isVariableDeclaration(decl)) return isIdentifier(decl.name) && decl.initializer ? this.valueOf(decl.initializer) : undefined;
    if (isParameter(decl)) return this.ofConstructorParameter(decl);
    if (isImportSpecifier(decl)) {
      const spec = decl.parent.parent.parent.moduleSpecifier;
      return isStringLiteral(spec) ? this.exported(spec.text, (decl.propertyName ?? decl.name).text, decl) : undefined;
    }
    if (isImportClause(decl)) {
      const spec = decl.parent.moduleSpecifier;
      return isStringLiteral(spec) ? this.exported(spec.text, 'default', decl) : undefined;
    }
    if (isBindingElement(decl) && isObjectBindingPattern(decl.parent) && !decl.dotDotDotToken) {
      const holder = decl.parent.parent;
      if (!isVariableDeclaration(holder) || !holder.initializer) return undefined;
      const key = decl.propertyName ? propertyNameText(decl.propertyName) : isIdentifier(decl.name) ? decl.name.text : undefined;
      const init = skipOuter(holder.initializer);
      if (key === undefined || !isCallExpression(init)) return undefined;
      const spec = requireSpecifier(init, this.model);
      return spec === undefined ? undefined : this.exported(spec, key, init);
    }
    return undefined;
  }

  /**
   * A constructor's parameter (`constructor(db) { this.db = db }`) when every
   * `new C(...)` in the project passes the same handle there
   * (`new WrappedDatabase(new Database(file))` in a factory).
   */
  private readonly parameterCache = new Map<ts.ParameterDeclaration, DatabaseValue | null>();

  private ofConstructorParameter(param: ts.ParameterDeclaration): DatabaseValue | undefined {
    const known = this.parameterCache.get(param);
    if (known !== undefined) return known ?? undefined;
    const found = this.scanConstructorParameter(param);
    this.parameterCache.set(param, found ?? null);
    return found;
  }

  private scanConstructorParameter(param: ts.ParameterDeclaration): DatabaseValue | undefined {
    const ctor = param.parent;
    if (!isConstructorDeclaration(ctor) || param.dotDotDotToken || !isIdentifier(param.name)) return undefined;
    const cls = ctor.parent;
    const index = ctor.parameters.indexOf(param);
    let value: DatabaseValue | undefined;
    let sites = 0;
    let mixed = false;
    for (const file of this.model.files) {
      if (mixed) break;
      const name = cls.name?.text;
      if (!name || !file.text.includes(name)) continue;
      for (const n of this.model.syntaxNodes(file)) {
        if (mixed) break;
        if (isNewExpression(n)) {
          const v = this.model.valueOf(n.expression);
          if (v?.kind === 'class' && v.node === cls) {
            sites++;
            const arg = n.arguments?.[index];
            const here = arg && !isSpreadElement(arg) ? this.valueOf(arg) : undefined;
            if (!here || (value && (here.opened !== value.opened || here.kind !== value.kind))) mixed = true;
            else value = here;
          }
        }
      }
    }
    return !mixed && sites > 0 ? value : undefined;
  }

  private exported(spec: string, name: string, at: ts.Node): DatabaseValue | undefined {
    const from = this.model.fileOf(at);
    const target = from && this.model.resolveModule(spec, from);
    return target ? this.exportedFrom(target, name) : undefined;
  }

  /** The value a module exports under `name` ('default': `module.exports` / `export default`). */
  private exportedFrom(file: FileInfo, name: string): DatabaseValue | undefined {
    const expr = exportedExpression(file, name, this.model);
    return expr ? this.valueOf(expr) : undefined;
  }
}

/** The expression a module exports under `name`, as written in its top-level statements. */
export function exportedExpression(file: FileInfo, name: string, model: ProjectModel): ts.Expression | undefined {
  const local = (id: string): ts.Expression | undefined => {
    const decl = model.lookup(id, file.sf);
    if (decl && isVariableDeclaration(decl)) return decl.initializer;
    return undefined;
  };
  for (const st of file.sf.statements) {
    if (isVariableStatement(st) && st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      for (const d of st.declarationList.declarations) if (isIdentifier(d.name) && d.name.text === name) return d.initializer;
    } else if (isExportAssignment(st) && (st.isExportEquals || name === 'default')) {
      if (st.isExportEquals && name !== 'default') continue;
      return st.expression;
    } else if (isExportDeclaration(st) && !st.moduleSpecifier && st.exportClause && isNamedExports(st.exportClause)) {
      for (const el of st.exportClause.elements) if (el.name.text === name) return local((el.propertyName ?? el.name).text);
    } else if (isExpressionStatement(st) && isBinaryExpression(st.expression) && st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const { left, right } = st.expression;
      if (isModuleExports(left)) {
        if (name === 'default') return right;
        const obj = skipOuter(right);
        if (isObjectLiteralExpression(obj)) {
          for (const p of obj.properties) {
            if (isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
            if (isPropertyAssignment(p) && propertyNameText(p.name) === name) return p.initializer;
          }
        }
      } else if (isPropertyAccessExpression(left) && left.name.text === name && (isModuleExports(left.expression) || (isIdentifier(left.expression) && left.expression.text === 'exports'))) {
        return right;
      }
    }
  }
  return undefined;
}

/** Every call in `file` that runs SQL through a sync-only library; `nodes`: the file's nodes, every call among them, in document order (the graph's syntaxNodes). */
export function findSyncOnlyCalls(file: FileInfo, resolver: DatabaseResolver, nodes: readonly ts.Node[]): SyncOnlyCall[] {
  if (!CANDIDATE_TEXT.test(file.text)) return [];
  const found: SyncOnlyCall[] = [];
  // Transaction functions are called under any name: only looked for where the word appears.
  const transactions = file.text.includes('transaction');
  for (const node of nodes) {
    if (isCallExpression(node)) {
      const callee = skipOuter(node.expression);
      if (isPropertyAccessExpression(callee) && QUERY_NAMES.has(callee.name.text)) {
        const base = resolver.valueOf(callee.expression);
        const name = callee.name.text;
        if (base && ((base.kind === 'handle' && base.lib.handleQueries.includes(name)) || (base.kind === 'statement' && base.lib.statementQueries.includes(name)))) {
          found.push({ call: node, file, value: base, iterator: base.kind === 'statement' && base.lib.iterators.includes(name) });
        }
      }
      if (transactions && (isIdentifier(callee) || isPropertyAccessExpression(callee)) && !found.some((f) => f.call === node)) {
        const v = resolver.valueOf(callee);
        if (v?.kind === 'transaction') found.push({ call: node, file, value: v, iterator: false });
      }
    }
  }
  return found;
}

/** Whether the handle may live in memory only, where another thread's connection would see a different database. */
export function inMemoryReason(value: DatabaseValue): string | undefined {
  const args = value.opened.arguments ?? [];
  const first = args[0];
  const where = value.opened.getText();
  if (!first) return value.lib.inMemory.noArgument ? `\`${where}\` opens a database that only this connection sees` : undefined;
  let named: string | undefined;
  const visit = (n: ts.Node): void => {
    if (isStringLiteralLike(n) && value.lib.inMemory.names.includes(n.text)) named = n.text;
    forEachChild(n, visit);
  };
  visit(first);
  if (isStringLiteralLike(first) && first.text === '' && value.lib.inMemory.names.includes('')) named = '';
  return named !== undefined ? `\`${where}\` ${isStringLiteralLike(skipOuter(first as ts.Expression)) ? 'opens' : 'may open'} an in-memory database, which a worker thread's connection would not share` : undefined;
}
