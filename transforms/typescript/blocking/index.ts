// Blocking Node calls: finds the calls the catalog lists (following bindings,
// not names) and offers each one's rewrite into its awaited async form. The
// engine decides which of them are rewritten (those in functions that are or
// become async) and turns the rewrites into findings.
import { ts } from 'ts-morph';
import type { CallExpression, SourceFile } from 'ts-morph';
import { NODE_BLOCKING_RULES, NODE_IMPORT_SINCE, NODE_SINCE, nodeApisByModule, nodeAtLeast, type NodeBlockingApi, type NodeBlockingRule } from '../../catalog/node.js';
import type { ImportRequest, RuleMeta, Safety, TextEdit } from '../../core/types.js';
import type { ImportNamer } from '../imports.js';
import { rewriteExecSync } from './child-process.js';
import { calleeExport, resolveIdentifier } from './match.js';
import { calleeText, manualReason, rewriteAwaitedCall, rewritePromisifiedCall, rewriteSettledBoolean, skipParens, type RewriteResult, type RewriteTarget } from './rewrite.js';
import { ScopeIndex } from './scope.js';
import { lowdbDatabase, lowdbManual, lowdbWriteRewrite, type LowdbDatabase } from '../rules/lowdb-async-write.js';
import { atomicsSleepDelay, matchBusyWait, rewriteAtomicsSleep, rewriteBusyWait } from './sleep.js';

export interface BlockingCall {
  /** Rule id, e.g. 'fs-sync-call'. */
  rule: string;
  safety: Safety;
  /** The blocking call (for a busy-wait loop: the clock call in its condition). */
  call: CallExpression;
  /**
   * Edits that turn the call into its awaited async form (they include `await`
   * and any parentheses the context needs), imports to add, a message; or
   * `{ manual }` when it cannot be rewritten here (saying what to do).
   */
  rewrite(namer: ImportNamer, target?: RewriteTarget): { edits: TextEdit[]; imports: ImportRequest[]; message: string; safety: Safety } | { manual: string };
  /** A `.write()` of a lowdb FileSync database: rewritten with every other write of it, or not at all. */
  lowdb?: LowdbDatabase;
}

type Match = { raw: ts.CallExpression; rule: NodeBlockingRule; rewrite: (namer: ImportNamer, target: RewriteTarget) => RewriteResult; lowdb?: LowdbDatabase };

export { blockingRules } from './rules.js';

const BY_MODULE = nodeApisByModule();
/** The last name of every catalogued callee (`readFileSync`, `wait`): calls named otherwise need no binding lookup. */
const CALLEE_NAMES = new Set([...BY_MODULE.values()].flatMap((byName) => [...byName.keys()].map((n) => n.slice(n.lastIndexOf('.') + 1))));

// Cheap text test before any tree walk: every catalogued call contains one of these.
const CANDIDATE_TEXT = /Sync\b|Atomics|\.now\b|randomBytes|randomInt/;

// Read once: the members of `ts` are getters, too slow to touch per node.
const KIND_CALL = ts.SyntaxKind.CallExpression;
const KIND_WHILE = ts.SyntaxKind.WhileStatement;
const KIND_DO = ts.SyntaxKind.DoStatement;
const forEachChild = ts.forEachChild;

export function findBlockingCalls(file: SourceFile): BlockingCall[] {
  const sf = file.compilerNode;
  if (!CANDIDATE_TEXT.test(sf.text)) return [];
  const scopes = ScopeIndex.of(sf);
  const found: Match[] = [];

  const visit = (node: ts.Node): void => {
    const kind = node.kind;
    if (kind === KIND_CALL) {
      const match = matchCall(node as ts.CallExpression, scopes);
      if (match) found.push(match);
    } else if (kind === KIND_WHILE || kind === KIND_DO) {
      const wait = matchBusyWait(node as ts.WhileStatement | ts.DoStatement, scopes);
      const entry = wait && BY_MODULE.get('<global>')?.get(`${skipParens(wait.clock.expression as ts.Expression).getText()}`);
      if (wait && entry) found.push({ raw: wait.clock, rule: entry.rule, rewrite: (namer) => rewriteBusyWait(wait, entry.api, namer, scopes) });
      // The clock call inside the condition is not a blocking call of its own.
      if (wait) {
        forEachChild(node, (child) => (child === wait.loop.expression ? undefined : visit(child)));
        return;
      }
    }
    forEachChild(node, visit);
  };
  visit(sf);

  return found.map(({ raw, rule, rewrite, lowdb }) => {
    const call = wrap(file, raw);
    return {
      ...(lowdb ? { lowdb } : {}),
      rule: rule.id,
      safety: rule.safety,
      call,
      rewrite: (namer: ImportNamer, target: RewriteTarget = {}) => forTarget(call.compilerNode, rewrite(namer, target), target),
    };
  });
}

function calleeName(callee: ts.Expression): string | undefined {
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) return callee.argumentExpression.text;
  if (ts.isParenthesizedExpression(callee)) return calleeName(callee.expression);
  return undefined;
}

/** `(0, fs.readFileSync)` (the indirect-call form bundlers emit) calls `fs.readFileSync` without a receiver: for these APIs, the same call. */
function indirectCallee(callee: ts.Expression): ts.Expression {
  const inner = skipParens(callee);
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.CommaToken && ts.isNumericLiteral(skipParens(inner.left))) return skipParens(inner.right);
  return callee;
}

/**
 * A rewrite checked against the target Node version: below what it needs
 * (async functions, or a module it imports), a manual finding that says why.
 */
function forTarget(call: ts.CallExpression, result: RewriteResult, target: RewriteTarget): RewriteResult {
  if ('manual' in result || target.node === undefined) return result;
  const needs = (since: string, what: string): RewriteResult => ({
    manual: `${calleeText(call)}() blocks the event loop, but its async form needs ${what}, available from Node ${since.replace(/\.0$/, '')}, and the project targets Node ${target.node} (engines.node in package.json, or --node). Raise the target if the project no longer runs on older Node versions, or leave the call as it is.`,
  });
  if (!nodeAtLeast(target.node, NODE_SINCE.asyncFunctions)) return needs(NODE_SINCE.asyncFunctions, 'async functions');
  for (const imp of result.imports) {
    const row = NODE_IMPORT_SINCE.find((r) => r.module === imp.module && (r.name === undefined || r.name === imp.name));
    if (row && !nodeAtLeast(target.node, row.since)) return needs(row.since, row.what);
  }
  if (result.imports.some((i) => i.module === 'fs' && i.name === 'promises') && !nodeAtLeast(target.node, NODE_SINCE.fsPromisesProperty)) return needs(NODE_SINCE.fsPromisesProperty, "`require('fs').promises`");
  return result;
}

function matchCall(call: ts.CallExpression, scopes: ScopeIndex): Match | undefined {
  const callee = indirectCallee(call.expression);
  const name = calleeName(callee);
  if (name === undefined) return undefined;
  if ((name === 'write' || name === 'read') && ts.isPropertyAccessExpression(callee)) {
    const lowdb = matchLowdbFileSync(callee, name, scopes);
    if (lowdb && name === 'write') {
      // The writes of one database move to lowdb's async writer together (rules/lowdb-async-write.ts).
      const database = lowdbDatabase(lowdb.db, lowdb.adapter, scopes);
      if (database.refused || !database.writes.includes(call)) return { raw: call, rule: lowdb.rule, rewrite: () => ({ manual: lowdbManual(call, database.refused ?? 'awaitify does not see this write as one of the database') }) };
      return { raw: call, rule: lowdb.rule, lowdb: database, rewrite: (namer) => (database.refused ? { manual: lowdbManual(call, database.refused) } : lowdbWriteRewrite(call, database, namer)) };
    }
    if (lowdb) return { raw: call, rule: lowdb.rule, rewrite: () => ({ manual: `${calleeText(call)}() blocks the event loop; ${lowdb.api.note}` }) };
  }
  // A member name is the export's own name; a plain name may be a renamed import (`{ readFileSync: rf }`).
  if (!CALLEE_NAMES.has(name) && !(ts.isIdentifier(callee) && scopes.isImportedName(name))) return undefined;
  const target = calleeExport(callee, scopes);
  if (!target?.name) return undefined;
  const entry = BY_MODULE.get(target.module)?.get(target.name);
  if (!entry) return undefined;
  const { rule, api } = entry;
  if (api.onlyWithoutCallback && hasCallback(call, api, scopes)) return undefined;

  if (api.shape === 'sleep') {
    // Atomics.wait only; clock calls are matched through their loops.
    if (api.name !== 'Atomics.wait') return undefined;
    const delay = atomicsSleepDelay(call, scopes);
    if (!delay) return undefined;
    return { raw: call, rule, rewrite: (namer: ImportNamer) => rewriteAtomicsSleep(call, delay, api, namer) };
  }
  const rewrite = (namer: ImportNamer, target: RewriteTarget): RewriteResult => {
    if (api.shape === 'manual') return { manual: `${calleeText(call)}() blocks the event loop; ${api.note ?? 'rewrite it by hand'}` };
    const reason = manualReason(api, call, scopes);
    if (reason) return { manual: `${calleeText(call)}() blocks the event loop and cannot be rewritten as it stands: ${reason}` };
    switch (api.shape) {
      case 'awaited-call':
        return rewriteAwaitedCall(call, api, namer, target);
      case 'promisified-call':
        return rewritePromisifiedCall(call, api, namer);
      case 'settled-boolean':
        return rewriteSettledBoolean(call, api, namer, target);
      case 'promisified-stdout':
        return rewriteExecSync(call, api, namer);
      default:
        return { manual: `${calleeText(call)}() blocks the event loop; rewrite it by hand` };
    }
  };
  return { raw: call, rule, rewrite };
}

/**
 * Whether a call of a dual-mode API (`randomBytes(n[, cb])`, `randomInt([min, ]max[, cb])`)
 * passes a callback: its last argument is a function, or it has more
 * arguments than the sync form takes.
 */
function hasCallback(call: ts.CallExpression, api: NodeBlockingApi, scopes: ScopeIndex): boolean {
  const args = call.arguments;
  const last = args[args.length - 1];
  if (!last) return false;
  const maxSyncArgs = api.name === 'randomInt' ? 2 : 1;
  if (args.length > maxSyncArgs) return true;
  const expr = skipParens(last);
  if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) return true;
  if (ts.isIdentifier(expr)) {
    const decl = scopes.resolve(expr.text, expr);
    if (decl && ts.isFunctionDeclaration(decl)) return true;
    if (decl && ts.isVariableDeclaration(decl) && decl.initializer) {
      const init = skipParens(decl.initializer);
      return ts.isArrowFunction(init) || ts.isFunctionExpression(init);
    }
  }
  return false;
}

/** The ts-morph wrapper of a compiler call node. */
export function wrap(file: SourceFile, raw: ts.CallExpression): CallExpression {
  // ts-morph's own factory wraps one node directly (and caches it); the public
  // lookups walk down from the root wrapping every node on the way, which costs
  // milliseconds per call on a large file.
  const factory = (file as unknown as { _getNodeFromCompilerNode?: (node: ts.Node) => unknown })._getNodeFromCompilerNode;
  if (typeof factory === 'function') {
    const node = factory.call(file, raw) as CallExpression | undefined;
    if (node && node.compilerNode === raw) return node;
  }
  const node = file.getDescendantAtStartWithWidth(raw.getStart(), raw.getWidth());
  if (node && node.compilerNode === raw) return node as CallExpression;
  const found = file.getDescendantsOfKind(ts.SyntaxKind.CallExpression).find((c) => c.compilerNode === raw);
  if (!found) throw new Error(`awaitify: call at ${raw.getStart()} not found in ${file.getFilePath()}`);
  return found;
}

/**
 * `db.get('posts').push(p).write()` / `db.read()` on a lowdb 1.x database
 * created in this file by `low(new FileSync(...))` or `low(adapter)` with
 * `adapter = new FileSync(...)`: the catalog row of the sync adapter.
 */
function matchLowdbFileSync(
  callee: ts.PropertyAccessExpression,
  name: string,
  scopes: ScopeIndex,
): { rule: NodeBlockingRule; api: NodeBlockingApi; db: ts.VariableDeclaration; adapter?: ts.VariableDeclaration } | undefined {
  const entry = BY_MODULE.get('lowdb/adapters/FileSync')?.get(name);
  if (!entry) return undefined;
  let root: ts.Expression = skipParens(callee.expression);
  for (;;) {
    if (ts.isPropertyAccessExpression(root)) root = skipParens(root.expression);
    else if (ts.isCallExpression(root)) root = skipParens(root.expression);
    else break;
  }
  if (!ts.isIdentifier(root)) return undefined;
  const init = constInitializer(root, scopes);
  if (!init || !ts.isCallExpression(init) || init.arguments.length !== 1 || !ts.isIdentifier(skipParens(init.expression))) return undefined;
  const low = resolveIdentifier(skipParens(init.expression) as ts.Identifier, scopes);
  if (!low || low === 'global' || low.module !== 'lowdb' || (low.name !== undefined && low.name !== 'default')) return undefined;
  let adapter = skipParens(init.arguments[0]!);
  let adapterDecl: ts.VariableDeclaration | undefined;
  if (ts.isIdentifier(adapter)) {
    const a = constInitializer(adapter, scopes);
    if (!a) return undefined;
    adapterDecl = scopes.resolve(adapter.text, adapter) as ts.VariableDeclaration;
    adapter = a;
  }
  if (!ts.isNewExpression(adapter) || !ts.isIdentifier(skipParens(adapter.expression))) return undefined;
  const ctor = resolveIdentifier(skipParens(adapter.expression) as ts.Identifier, scopes);
  if (!ctor || ctor === 'global' || ctor.module !== 'lowdb/adapters/FileSync' || (ctor.name !== undefined && ctor.name !== 'default')) return undefined;
  return { ...entry, db: scopes.resolve(root.text, root) as ts.VariableDeclaration, ...(adapterDecl ? { adapter: adapterDecl } : {}) };
}

/** The initializer of the variable a name resolves to, when it is declared once with one. */
function constInitializer(id: ts.Identifier, scopes: ScopeIndex): ts.Expression | undefined {
  const decl = scopes.resolve(id.text, id);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isIdentifier(decl.name)) return undefined;
  return skipParens(decl.initializer);
}
