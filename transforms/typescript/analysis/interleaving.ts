// Interleaving hazards: a migration that inserts `await` splits code that used
// to run without interruption, and concurrent requests can then run between
// a check and the act that depends on it (`existsSync(p)` → `mkdirSync(p)`),
// or between a read and the write that updates it (a JSON file "database", a
// module-level cache or counter). Per function, this module finds the accesses
// that relate two such operations (the same path expression, the same
// module-level binding or property) and the new await points between them.
// The engine labels those await points `review` and, under `--safety safe`,
// does not apply them (rule interleaving-hazard).
import { ts } from 'ts-morph';
import type { TextEdit } from '../../core/types.js';
import { isFunctionLike, skipOuter, type FunctionLike, type ProjectModel } from './model.js';

/** What an access does to its subject. */
type Verb = 'check' | 'read' | 'create' | 'write' | 'append' | 'remove' | 'assign' | 'update';

interface Access {
  /** `path:<text>` for a path expression, `state:<declaration offset>:a.b` for shared state. */
  key: string[];
  /** The subject as written (`dbPath`, `cache`, `this.count`). */
  subject: string;
  kind: 'observe' | 'mutate';
  verb: Verb;
  node: ts.Node;
  /** Where the access takes effect: its start for a read, its end for a write. */
  at: number;
  /** The observe is the condition of an `if` (a check), the mutate a plain assignment: lazy initialisation. */
  inCondition?: ts.IfStatement;
  plainAssignment?: boolean;
  /** The method, for an access through one (`cache.get(k)`, `cache.set(k, v)`). */
  method?: string;
  /** For a filesystem call: the call, for messages. */
  call?: ts.CallExpression;
  /** The access happens inside a function this one calls. */
  viaCall?: boolean;
}

/** A place where the migrated function will suspend: a rewritten blocking call, or an awaited call of a function that became async. */
export interface AwaitPoint<T = unknown> {
  node: ts.Node;
  ref: T;
}

export interface InterleavingHazard<T = unknown> {
  first: { node: ts.Node; line: number; text: string };
  second: { node: ts.Node; line: number; text: string };
  /** The new await points inside the window (the first and second operations themselves when they are awaited). */
  points: AwaitPoint<T>[];
  /** Names both lines and what can go wrong. */
  message: string;
  /** The standard pattern that keeps atomicity, if there is one. */
  advice: string;
}

// Synchronous fs calls by what they do to the path in their first argument.
const FS_VERBS: Record<string, Verb | 'idempotent'> = {
  existsSync: 'check', statSync: 'check', lstatSync: 'check', accessSync: 'check', pathExistsSync: 'check',
  readFileSync: 'read', readdirSync: 'read', readJsonSync: 'read', readJSONSync: 'read', readlinkSync: 'read', realpathSync: 'read',
  writeFileSync: 'write', writeJsonSync: 'write', writeJSONSync: 'write', outputFileSync: 'write', outputJsonSync: 'write', outputJSONSync: 'write',
  truncateSync: 'write', chmodSync: 'write', chownSync: 'write', utimesSync: 'write',
  appendFileSync: 'append',
  mkdirSync: 'create', symlinkSync: 'create', linkSync: 'create',
  unlinkSync: 'remove', rmSync: 'remove', rmdirSync: 'remove',
  // Idempotent: running them twice does what running them once does.
  ensureDirSync: 'idempotent', ensureFileSync: 'idempotent', mkdirpSync: 'idempotent', mkdirsSync: 'idempotent', removeSync: 'idempotent', emptyDirSync: 'idempotent',
};

// Methods that change the object they are called on (Map, Set, Array, plain objects through Object.assign are not followed).
const MUTATING_METHODS = new Set(['set', 'delete', 'clear', 'add', 'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

/** The last name of a callee (`fs.readFileSync` → `readFileSync`). */
function calleeName(call: ts.CallExpression): string | undefined {
  const callee = skipOuter(call.expression);
  if (ts.isIdentifier(callee)) return callee.text;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text;
  return undefined;
}

function normalized(expr: ts.Expression): string {
  return skipOuter(expr).getText().replace(/\s+/g, '');
}

/** Inline code for a message: double backticks when the text has a backtick of its own. */
function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}

function oneLine(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** An options object literal with `name: true`. */
function hasTrueOption(arg: ts.Expression | undefined, name: string): boolean {
  const o = arg && skipOuter(arg);
  if (!o || !ts.isObjectLiteralExpression(o)) return false;
  return o.properties.some((p) => ts.isPropertyAssignment(p) && p.name.getText() === name && p.initializer.kind === ts.SyntaxKind.TrueKeyword);
}

function fsAccesses(call: ts.CallExpression, model: ProjectModel): Access[] {
  const name = calleeName(call);
  const args = call.arguments;
  if (!name || !args[0] || ts.isSpreadElement(args[0])) return [];
  const path = (arg: ts.Expression): string[] => [pathKey(arg, model)];
  const base = { node: call, call, subject: normalized(args[0]) };
  if (name === 'renameSync' || name === 'copyFileSync' || name === 'moveSync' || name === 'copySync') {
    const out: Access[] = [{ ...base, key: path(args[0]), kind: 'observe', verb: 'read', at: call.getStart() }];
    if (name === 'renameSync' || name === 'moveSync') out.push({ ...base, key: path(args[0]), kind: 'mutate', verb: 'remove', at: call.getEnd() });
    if (args[1]) out.push({ ...base, subject: normalized(args[1]), key: path(args[1]), kind: 'mutate', verb: 'write', at: call.getEnd() });
    return out;
  }
  let verb = FS_VERBS[name];
  if (!verb || verb === 'idempotent') return [];
  // `mkdir(p, { recursive: true })` does not fail when p exists; `rm(p, { force: true })` when it does not.
  if (name === 'mkdirSync' && hasTrueOption(args[1], 'recursive')) return [];
  if (name === 'rmSync' && hasTrueOption(args[1], 'force')) verb = 'write';
  const observe = verb === 'check' || verb === 'read';
  return [{ ...base, key: path(args[0]), kind: observe ? 'observe' : 'mutate', verb, at: observe ? call.getStart() : call.getEnd() }];
}

/**
 * The key of a path expression: its normalised text, qualified by the file
 * when it names module-level bindings (`DB_FILE` in db.js), so that calls of
 * helpers in other functions can be compared with it; `stable` when nothing
 * in it is local to a function.
 */
function pathKey(arg: ts.Expression, model: ProjectModel): string {
  let stable = true;
  let named = false;
  const visit = (n: ts.Node): void => {
    if (!stable) return;
    if (ts.isIdentifier(n) && isReference(n)) {
      const decl = model.lookup(n.text, n);
      if (decl) {
        named = true;
        if (enclosingFunction(decl) !== undefined) stable = false;
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(arg);
  const text = normalized(arg);
  if (!stable) return `path:${text}`;
  return named ? `path:${arg.getSourceFile().fileName}#${text}` : `path:#${text}`;
}

/** Whether a declaration lies outside the function (a module-level or closure binding that every call shares). */
function sharedBinding(decl: ts.Node | undefined, fn: FunctionLike, closureShared: boolean): ts.Node | undefined {
  if (!decl) return undefined;
  if (decl.getStart() >= fn.getStart() && decl.getEnd() <= fn.getEnd()) return undefined;
  // A callback run within one call of its enclosing function (a forEach callback in a handler) shares that call's locals with nobody else.
  if (!closureShared && enclosingFunction(decl) !== undefined) return undefined;
  if (ts.isVariableDeclaration(decl) || ts.isBindingElement(decl) || ts.isParameter(decl)) {
    // A variable holding a function, a class or a required module is not state.
    const init = ts.isVariableDeclaration(decl) && decl.initializer ? skipOuter(decl.initializer) : undefined;
    if (init && (isFunctionLike(init) || ts.isClassExpression(init))) return undefined;
    if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require') return undefined;
    return decl;
  }
  return undefined;
}

function enclosingFunction(node: ts.Node): ts.Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionLike(n)) return n;
  return undefined;
}

function isAssignmentOperator(kind: ts.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

/** The `if` whose condition holds the node (within the function), if any. */
function enclosingIfCondition(node: ts.Node, fn: FunctionLike): ts.IfStatement | undefined {
  for (let n: ts.Node = node; n.parent && n !== fn; n = n.parent) {
    if (ts.isIfStatement(n.parent) && n.parent.expression === n) return n.parent;
    if (ts.isStatement(n.parent) || isFunctionLike(n.parent)) return undefined;
  }
  return undefined;
}

/** Reads and writes of shared state (module or closure bindings, `this.x`) in the function's own body. */
function stateAccesses(fn: FunctionLike, model: ProjectModel, closureShared: boolean): Access[] {
  const out: Access[] = [];
  const isThisMethod = !ts.isArrowFunction(fn);
  const visit = (node: ts.Node): void => {
    if (node !== fn && (isFunctionLike(node) || ts.isClassLike(node))) return;
    let root: { key: string; text: string } | undefined;
    if (ts.isIdentifier(node) && isReference(node)) {
      const decl = sharedBinding(model.lookup(node.text, node), fn, closureShared);
      if (decl) root = { key: `state:${decl.getSourceFile().fileName}:${decl.getStart()}`, text: node.text };
    } else if (node.kind === ts.SyntaxKind.ThisKeyword && isThisMethod && ts.isPropertyAccessExpression(node.parent)) {
      root = { key: 'this', text: 'this' };
    }
    if (root) {
      out.push(...referenceAccesses(node as ts.Expression, root, fn));
      return;
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return out;
}

/** Whether an identifier is read as a value (not a declaration's name, a property name or a type). */
function isReference(id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (ts.isQualifiedName(p)) return false;
  if ((ts.isVariableDeclaration(p) || ts.isParameter(p) || ts.isBindingElement(p) || ts.isFunctionDeclaration(p) || ts.isClassDeclaration(p) || ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === id) return false;
  if (ts.isTypeReferenceNode(p) || ts.isImportSpecifier(p) || ts.isExportSpecifier(p) || ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  return true;
}

/** What one reference to shared state does: `x`, `x.a.b`, `x.set(...)`, `x[k] = v`, `x += 1`. */
function referenceAccesses(root: ts.Expression, base: { key: string; text: string }, fn: FunctionLike): Access[] {
  const names: string[] = [];
  let cur: ts.Expression = root;
  while (ts.isPropertyAccessExpression(cur.parent) && cur.parent.expression === cur && ts.isIdentifier(cur.parent.name)) {
    names.push(cur.parent.name.text);
    cur = cur.parent;
  }
  if (base.key === 'this' && names.length === 0) return [];
  const p = cur.parent;
  const make = (chain: string[], kind: Access['kind'], verb: Verb, at: number, extra: Partial<Access> = {}): Access => ({
    key: [base.key, ...chain],
    subject: [base.text, ...chain].join('.'),
    kind,
    verb,
    node: cur,
    at,
    ...extra,
  });
  // A method call: `cache.set(k, v)` changes `cache`; `cache.get(k)` reads it.
  if (ts.isCallExpression(p) && p.expression === cur && names.length > 0) {
    const method = names[names.length - 1]!;
    const receiver = names.slice(0, -1);
    if (MUTATING_METHODS.has(method)) return [make(receiver, 'mutate', 'update', p.getEnd(), { method })];
    return [make(receiver, 'observe', 'read', root.getStart(), { inCondition: enclosingIfCondition(cur, fn), method })];
  }
  // `x[k]` stands for x.
  let target: ts.Expression = cur;
  if (ts.isElementAccessExpression(p) && p.expression === cur) target = p;
  const tp = target.parent;
  if (ts.isBinaryExpression(tp) && tp.left === target && isAssignmentOperator(tp.operatorToken.kind)) {
    const plain = tp.operatorToken.kind === ts.SyntaxKind.EqualsToken;
    const write = make(names, 'mutate', target === cur ? 'assign' : 'update', tp.getEnd(), { plainAssignment: plain && target === cur });
    return plain ? [write] : [make(names, 'observe', 'read', root.getStart()), write];
  }
  if ((ts.isPrefixUnaryExpression(tp) || ts.isPostfixUnaryExpression(tp)) && (tp.operator === ts.SyntaxKind.PlusPlusToken || tp.operator === ts.SyntaxKind.MinusMinusToken)) {
    return [make(names, 'observe', 'read', root.getStart()), make(names, 'mutate', 'update', tp.getEnd())];
  }
  if (ts.isDeleteExpression(tp)) return [make(names, 'mutate', 'update', tp.getEnd())];
  return [make(names, 'observe', 'read', root.getStart(), { inCondition: enclosingIfCondition(cur, fn) })];
}

/** What a call of a function does to paths and module state that every call shares, for its callers' checks. */
export interface CallEffect {
  key: string[];
  subject: string;
  kind: Access['kind'];
  verb: Verb;
}

/** The effects of a function on shared paths (literal or module-level) and module-level state. */
export function functionEffects(fn: FunctionLike, model: ProjectModel, fsCalls: ts.CallExpression[]): CallEffect[] {
  const out: CallEffect[] = [];
  for (const a of [...fsCalls.flatMap((c) => fsAccesses(c, model)), ...stateAccesses(fn, model, false)]) {
    if (a.key[0] === 'this' || /^path:[^#]*$/.test(a.key[0]!)) continue;
    out.push({ key: a.key, subject: a.subject, kind: a.kind, verb: a.verb });
  }
  return out;
}

/** One key is the other or a part of it (`state` and `state.count`). */
function related(a: string[], b: string[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Positions where the function already suspends (`await`, `yield`): a window holding one was never atomic. */
function existingSuspensions(fn: FunctionLike): ts.Node[] {
  const out: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (node !== fn && (isFunctionLike(node) || ts.isClassLike(node))) return;
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) out.push(node);
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return out;
}

/** The part of a function between two accesses, along the paths from the first to the second. */
interface Window {
  /** Whether an await point or a suspension lies on such a path, strictly between the two. */
  holds(node: ts.Node): boolean;
}

/** A node and where it takes effect (an access's `at`; the end of an await point). */
interface Step {
  node: ts.Node;
  at: number;
}

const stepOf = (node: ts.Node): Step => ({ node, at: node.getEnd() });

/**
 * Which code can run after which within one call of a function, read from its
 * structure: the two branches of an `if`, of `?:` and the clauses of a
 * `switch` exclude each other; a `return` or `throw` after a node (outside a
 * `try` that catches it) ends its path; a loop lets its body's later nodes
 * precede its earlier ones in the next iteration.
 */
class ControlFlow {
  constructor(private readonly fn: FunctionLike) {}

  /** The window from `first` to `second`, or undefined when no path leads from one to the other. */
  window(first: Step, second: Step): Window | undefined {
    if (!this.follows(first, second)) return undefined;
    const { node: a, at: aAt } = first;
    const { node: b, at: bAt } = second;
    if (aAt < bAt) {
      // One pass: what lies between them in the text, on a path from the first to the second.
      return {
        holds: (n) => {
          const p = stepOf(n);
          return aAt < p.at && p.at <= bAt && n !== a && n !== b && this.follows(first, p) && this.follows(p, second);
        },
      };
    }
    // Around a loop: after the first in this iteration, or before the second in the next.
    const loop = this.commonLoop(a, b)!;
    return {
      holds: (n) => {
        const p = stepOf(n);
        if (n === a || n === b || !within(n, loop)) return false;
        return p.at > aAt ? this.follows(first, p) : p.at <= bAt && this.follows(p, second);
      },
    };
  }

  /** Whether `second` can run after `first` in the same call. */
  follows(first: Step, second: Step): boolean {
    const top = commonAncestor(first.node, second.node);
    if (!top || this.exclusive(first.node, second.node, top)) return false;
    if (first.at <= second.at) return !this.exitsBefore(first, top, second);
    const loop = this.commonLoop(first.node, second.node);
    return loop !== undefined && !this.exitsBefore(first, loop, second);
  }

  /** The innermost loop (within the function) whose repeated part holds both nodes. */
  private commonLoop(a: ts.Node, b: ts.Node): ts.IterationStatement | undefined {
    for (let n = commonAncestor(a, b); n && n !== this.fn; n = n.parent) {
      if (!ts.isIterationStatement(n, false)) continue;
      const once = ts.isForStatement(n) ? n.initializer : ts.isForOfStatement(n) || ts.isForInStatement(n) ? n.expression : undefined;
      if (once && (within(a, once) || within(b, once))) continue;
      return n;
    }
    return undefined;
  }

  /** `a` and `b` lie in branches of `top` of which only one runs. */
  private exclusive(a: ts.Node, b: ts.Node, top: ts.Node): boolean {
    const childOf = (n: ts.Node): ts.Node | undefined => {
      for (let c: ts.Node = n; c.parent; c = c.parent) if (c.parent === top) return c;
      return undefined;
    };
    const ca = childOf(a);
    const cb = childOf(b);
    if (!ca || !cb || ca === cb) return false;
    if (ts.isIfStatement(top)) return ca !== top.expression && cb !== top.expression;
    if (ts.isConditionalExpression(top)) return ca !== top.condition && cb !== top.condition;
    if (ts.isCaseBlock(top)) {
      // A clause that can fall through into the next one does not exclude it.
      const [early, late] = ca.getStart() < cb.getStart() ? [ca, cb] : [cb, ca];
      const clauses = top.clauses as readonly ts.Node[];
      for (let k = clauses.indexOf(early); k < clauses.indexOf(late); k++) {
        const last = (clauses[k] as ts.CaseOrDefaultClause).statements.at(-1);
        if (!last || !isJump(last)) return false;
      }
      return true;
    }
    return false;
  }

  /** After `first`, a `return` or `throw` (not caught on the way) ends its path before it reaches `second` inside `top`. */
  private exitsBefore(first: Step, top: ts.Node, second: Step): boolean {
    const ahead = first.at <= second.at;
    for (let n: ts.Node = first.node; n.parent && n !== top && n !== this.fn; n = n.parent) {
      if (ts.isReturnStatement(n) || ts.isThrowStatement(n)) return !this.caught(n, top, second.node);
      const list = statementList(n.parent);
      if (!list) continue;
      const later = list.slice(list.indexOf(n as ts.Statement) + 1).filter((st) => !ahead || st.getEnd() <= second.node.getStart());
      const exit = later.find((st) => ts.isReturnStatement(st) || ts.isThrowStatement(st));
      if (exit) return !this.caught(exit, top, second.node);
    }
    return false;
  }

  /** A jump from `from` that lands on a path to `b` before it leaves `top`: a catch or finally on the way. */
  private caught(from: ts.Node, top: ts.Node, b: ts.Node): boolean {
    for (let n: ts.Node = from; n.parent && n !== top; n = n.parent) {
      const t = n.parent;
      if (!ts.isTryStatement(t) || n !== t.tryBlock) continue;
      if (t.finallyBlock && within(b, t.finallyBlock)) return true;
      if (ts.isThrowStatement(from) && t.catchClause) return true;
    }
    return false;
  }
}

function within(node: ts.Node, outer: ts.Node): boolean {
  return node.getStart() >= outer.getStart() && node.getEnd() <= outer.getEnd();
}

function commonAncestor(a: ts.Node, b: ts.Node): ts.Node | undefined {
  const seen = new Set<ts.Node>();
  for (let n: ts.Node | undefined = a; n; n = n.parent) seen.add(n);
  for (let n: ts.Node | undefined = b; n; n = n.parent) if (seen.has(n)) return n;
  return undefined;
}

function statementList(node: ts.Node): readonly ts.Statement[] | undefined {
  if (ts.isBlock(node) || ts.isSourceFile(node) || ts.isModuleBlock(node)) return node.statements;
  if (ts.isCaseClause(node) || ts.isDefaultClause(node)) return node.statements;
  return undefined;
}

function isJump(st: ts.Statement): boolean {
  if (ts.isReturnStatement(st) || ts.isThrowStatement(st) || ts.isBreakStatement(st) || ts.isContinueStatement(st)) return true;
  return ts.isBlock(st) && st.statements.length > 0 && isJump(st.statements.at(-1)!);
}

/**
 * The hazards in one function: for each access that depends on an earlier
 * one (a write after a read or check of the same subject, a read after a
 * write), the nearest such earlier access with a new await point between
 * them, where nothing suspended before.
 *
 * `fsCalls` are the synchronous fs calls the catalog found in the function;
 * `points` are the places that will await after the migration.
 */
export function interleavingHazards<T>(
  fn: FunctionLike,
  sf: ts.SourceFile,
  model: ProjectModel,
  fsCalls: ts.CallExpression[],
  points: AwaitPoint<T>[],
  options: { handler?: boolean; calls?: { call: ts.CallExpression; effects: CallEffect[] }[] } = {},
): InterleavingHazard<T>[] {
  if (points.length === 0 || !fn.body) return [];
  // Locals of an enclosing function are shared when the function can run again while they live: a handler registered
  // in a setup function, a method returned by a factory; not a callback handed to a call (`items.forEach(cb)`).
  const inlineCallback = (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(fn.parent) && fn.parent.arguments.includes(fn);
  const closureShared = options.handler === true || !inlineCallback;
  const viaCalls: Access[] = (options.calls ?? []).flatMap(({ call, effects }) =>
    effects.map((e) => ({ ...e, node: call, call, viaCall: true, at: e.kind === 'observe' ? call.getStart() : call.getEnd() })),
  );
  const accesses = [...fsCalls.flatMap((c) => fsAccesses(c, model)), ...stateAccesses(fn, model, closureShared), ...viaCalls];
  accesses.push(...handedCheckedPaths(fn, model, fsCalls, accesses));
  accesses.sort((a, b) => a.at - b.at);
  if (accesses.length < 2) return [];
  const suspended = existingSuspensions(fn);
  const flow = new ControlFlow(fn);
  const hazards: InterleavingHazard<T>[] = [];
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  for (let j = 0; j < accesses.length; j++) {
    const second = accesses[j]!;
    // The nearest related earlier access on a path to this one; then, in a loop, a later one that the next iteration follows.
    const order = [...accesses.keys()].filter((i) => i < j).reverse().concat([...accesses.keys()].filter((i) => i > j).reverse());
    for (const i of order) {
      const first = accesses[i]!;
      if (first.kind === second.kind || first.node === second.node || !related(first.key, second.key)) continue;
      if (first.key[0]!.startsWith('path:') !== second.key[0]!.startsWith('path:')) continue;
      // A check followed by a check-free read (exists → read) only fails if a third party removes the file: not a write of this code.
      const window = flow.window(first, second);
      if (!window) continue;
      // An awaited operation takes effect while it is suspended: the window includes its own await.
      const inWindow = points.filter((p) => p.node === first.node || p.node === second.node || window.holds(p.node));
      if (inWindow.length === 0) continue;
      if (suspended.some((s) => window.holds(s))) continue;
      hazards.push({
        first: { node: first.node, line: lineOf(first.node), text: oneLine(first.call ?? first.node) },
        second: { node: second.node, line: lineOf(second.node), text: oneLine(second.call ?? second.node) },
        points: inWindow,
        message: describe(first, second, lineOf(first.node), lineOf(second.node)),
        advice: adviceFor(first, second),
      });
      break;
    }
  }
  hazards.push(...initWindowHazards(accesses, points, suspended, flow, lineOf));
  return hazards;
}

/** An existence check of a path (`existsSync(p)`), not a stat read for what it says. */
function isExistenceCheck(a: Access): boolean {
  return a.kind === 'observe' && a.verb === 'check' && a.key[0]!.startsWith('path:') && a.call !== undefined && /^(existsSync|accessSync|pathExistsSync)$/.test(calleeName(a.call) ?? '');
}

/**
 * The statements run only on the check's outcome: the branches of each `if`
 * whose condition holds the check, or a local the check's result was stored
 * in (`const isNew = !existsSync(p); ... if (isNew) { ... }`).
 */
function guardedBranches(check: ts.CallExpression): ts.Statement[] {
  let top: ts.Node = check;
  while (top.parent && (ts.isParenthesizedExpression(top.parent) || ts.isPrefixUnaryExpression(top.parent) || ts.isBinaryExpression(top.parent))) top = top.parent;
  const branches = (ifs: ts.IfStatement): ts.Statement[] => (ifs.elseStatement ? [ifs.thenStatement, ifs.elseStatement] : [ifs.thenStatement]);
  if (top.parent && ts.isIfStatement(top.parent) && top.parent.expression === top) return branches(top.parent);
  const decl = top.parent;
  if (!decl || !ts.isVariableDeclaration(decl) || decl.initializer !== top || !ts.isIdentifier(decl.name)) return [];
  const name = decl.name.text;
  const scope = decl.parent?.parent?.parent;
  if (!scope) return [];
  const out: ts.Statement[] = [];
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isIfStatement(n) && n.getStart() > decl.getEnd()) {
      let uses = false;
      const find = (m: ts.Node): void => {
        if (ts.isIdentifier(m) && m.text === name && isReference(m)) uses = true;
        else ts.forEachChild(m, find);
      };
      find(n.expression);
      if (uses) out.push(...branches(n));
    }
    ts.forEachChild(n, visit);
  };
  visit(scope);
  return out;
}

/**
 * Open → initialise: a path checked for existence, then created (written, or
 * handed to a project function that opens it), then set up in the code that
 * runs only when the check found it missing. Once it exists, another request's
 * check sees it; a new await after the creation and before the end of that
 * setup lets that request use it half-initialised (tables not created yet).
 */
function initWindowHazards<T>(accesses: Access[], points: AwaitPoint<T>[], suspended: ts.Node[], flow: ControlFlow, lineOf: (node: ts.Node) => number): InterleavingHazard<T>[] {
  const hazards: InterleavingHazard<T>[] = [];
  for (const check of accesses.filter(isExistenceCheck)) {
    const guarded = guardedBranches(check.call!);
    if (guarded.length === 0) continue;
    const acts = accesses.filter((a) => a.kind === 'mutate' && a.key[0] === check.key[0] && a.at > check.at && flow.follows(check, a));
    for (const act of acts) {
      const inWindow = points.filter((p) => {
        const step = stepOf(p.node);
        if (p.node === act.node || step.at <= act.at || !flow.follows(act, step)) return false;
        const branch = guarded.find((g) => within(p.node, g));
        if (!branch) return false;
        // The setup still to come: a call in the branch after the await.
        if (!hasCallAfter(branch, p.node.getEnd())) return false;
        const window = flow.window(act, step);
        return window !== undefined && !suspended.some((s) => window.holds(s));
      });
      if (inWindow.length === 0) continue;
      const point = inWindow[0]!.node;
      const pointText = oneLine(point);
      const subject = code(check.subject);
      hazards.push({
        first: { node: act.node, line: lineOf(act.node), text: oneLine(act.call ?? act.node) },
        second: { node: point, line: lineOf(point), text: pointText },
        points: inWindow,
        message:
          `${code(oneLine(check.call!))} at line ${lineOf(check.node)} finds ${subject} missing, ${code(oneLine(act.call ?? act.node))} at line ${lineOf(act.node)} creates it, and the code after ${code(pointText)} at line ${lineOf(point)} sets it up; ` +
          `with an await there, another request's check sees ${subject} existing and uses it before it is set up (open → initialise).`,
        advice: `Do the awaited work before the check (read what the setup needs first), or keep one promise per path for the whole open-and-set-up (\`opening.get(p) ?? opening.set(p, openAndInit(p)).get(p)\`), so concurrent requests wait for the same setup.`,
      });
      break;
    }
  }
  return hazards;
}

/** A call in `node` that starts after `pos`. */
function hasCallAfter(node: ts.Node, pos: number): boolean {
  let found = false;
  const visit = (n: ts.Node): void => {
    if (found || isFunctionLike(n)) return;
    if (ts.isCallExpression(n) && n.getStart() >= pos) found = true;
    else ts.forEachChild(n, visit);
  };
  visit(node);
  return found;
}

/**
 * Calls of project functions that are handed a path this function checks
 * (`existsSync(p)`, then `openDatabase(p)`, which creates the file): each
 * may create or change it, so it is an act on that path, as a write would be.
 */
function handedCheckedPaths(fn: FunctionLike, model: ProjectModel, fsCalls: ts.CallExpression[], accesses: Access[]): Access[] {
  // Existence checks only: a stat is mostly read for what it says (size, isDirectory), not as a guard.
  const checked = new Set(accesses.filter(isExistenceCheck).map((a) => a.key[0]!));
  if (!checked.size || !fn.body) return [];
  const own = new Set<ts.Node>(fsCalls);
  const out: Access[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(node) || ts.isClassLike(node)) return;
    // Only project functions: what a library does with the path (`path.join`, `res.sendFile`) is not an act here.
    if (ts.isCallExpression(node) && !own.has(node) && model.functionOf(model.valueOf(node.expression))) {
      for (const arg of node.arguments) {
        if (ts.isSpreadElement(arg)) continue;
        const key = pathKey(arg, model);
        if (checked.has(key)) out.push({ key: [key], subject: normalized(arg), kind: 'mutate', verb: 'write', node, call: node, at: node.getEnd() });
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return out;
}

function describe(first: Access, second: Access, firstLine: number, secondLine: number): string {
  const lead = first.call && second.call
    ? `${code(oneLine(first.call))} at line ${firstLine} and ${code(oneLine(second.call))} at line ${secondLine} were atomic; with an await between them two requests can interleave:`
    : `${code(first.subject)} is ${stateVerb(first)} at line ${firstLine} and ${stateVerb(second)} at line ${secondLine}, which were atomic; with an await between them two requests can interleave:`;
  const subject = code(second.subject);
  if (first.kind === 'mutate') {
    return `${lead} another request can change ${subject} in between, and this one then reads that request's value instead of its own.`;
  }
  if (first.call && second.call) {
    const act = (calleeName(second.call) ?? 'call').replace(/Sync$/, '');
    if (first.verb === 'check' && second.verb === 'create') return `${lead} both can see ${subject} missing, and the second ${act} then fails (EEXIST).`;
    if (first.verb === 'check' && second.verb === 'remove') return `${lead} both can see ${subject} present, and the second ${act} then fails (ENOENT).`;
    if (first.verb === 'check' && second.verb === 'write') return `${lead} another request can create or change ${subject} between the check and the ${act}, and this ${act} then replaces what it wrote.`;
    if (first.verb === 'check') return `${lead} another request can create, change or remove ${subject} after the check, and this one acts on what it saw before.`;
    return `${lead} both can read ${subject} before either writes it, and the second write loses the first's update.`;
  }
  if (isLazyInit(first, second)) {
    return second.method === 'set'
      ? `${lead} both can miss the entry in ${subject} and both load it, and the later \`set\` replaces the earlier one.`
      : `${lead} both can see ${subject} unset and both initialise it, and the later assignment replaces the earlier one.`;
  }
  if (first.inCondition) return `${lead} another request can change ${subject} after the check, and this one acts on what it saw before.`;
  return `${lead} both can read ${subject} before either writes it, and the second write loses the first's update.`;
}

function stateVerb(a: Access): string {
  if (a.call) return `${a.kind === 'observe' ? 'read' : 'written'} by ${code(oneLine(a.call))}`;
  if (a.kind === 'observe') return a.inCondition ? 'checked' : 'read';
  if (a.verb === 'assign') return 'assigned';
  const p = a.node.parent;
  return ts.isCallExpression(p) || (ts.isPropertyAccessExpression(p) && ts.isCallExpression(p.parent)) ? `changed (${code(oneLine(ts.isCallExpression(p) ? p : p.parent))})` : 'written';
}

/** A check of state (or a map lookup) followed by its initialisation: `if (!cache) cache = ...`, `if (!m.has(k)) m.set(k, ...)`. */
function isLazyInit(first: Access, second: Access): boolean {
  if (first.call || second.call) return false;
  const checked = first.inCondition !== undefined || first.method === 'get' || first.method === 'has';
  return checked && (second.plainAssignment === true || second.method === 'set');
}

function adviceFor(first: Access, second: Access): string {
  if (first.call && second.call) {
    const act = calleeName(second.call);
    if (first.verb === 'check' && act === 'mkdirSync') return 'Drop the check and create it with `await mkdir(p, { recursive: true })`, which succeeds when the directory exists.';
    if (first.verb === 'check' && second.verb === 'write') return "Let the open do the check: `await writeFile(p, data, { flag: 'wx' })` creates the file only if it is missing, and rejects with EEXIST otherwise.";
    if (first.verb === 'check' && second.verb === 'remove') return 'Drop the check and let the removal report a missing file: `await rm(p, { force: true })`, or catch ENOENT.';
    if (first.kind === 'observe') return 'Keep the read and the write in one critical section: chain the updates of this file on one promise (`queue = queue.then(update)`), or keep the data in memory and write it through one writer.';
    if (/^(rename|copyFile|move|copy)Sync$/.test(act ?? '')) return 'Write to a name no other request uses (give the temporary name a random part), so the rename moves what this request wrote.';
    return 'Use the data this request wrote instead of reading the file back, or chain the operations on this file on one promise (`queue = queue.then(update)`).';
  }
  if (isLazyInit(first, second)) {
    return second.method === 'set'
      ? 'Memoise per key: put the promise in the map before awaiting it (`if (!cache.has(k)) cache.set(k, load(k)); const value = await cache.get(k);`), so concurrent requests share one load.'
      : 'Memoise the promise instead of the value, so concurrent requests share one load: `cachePromise ??= load(); const value = await cachePromise;`.';
  }
  return 'Compute the new value from the state after the await (re-read it there), or chain the updates on one promise (`queue = queue.then(update)`).';
}

/**
 * `if (!existsSync(p)) mkdirSync(p);` or `if (!existsSync(p)) writeFileSync(p, data);`
 * (the act alone, or in a block of its own): the shapes where letting the act
 * do the check keeps it atomic. Returns the statement to replace, when the
 * shape is exactly that.
 */
export function existsThenCreate(exists: ts.CallExpression, act: ts.CallExpression): ts.IfStatement | undefined {
  const name = calleeName(act);
  if (calleeName(exists) !== 'existsSync' || (name !== 'mkdirSync' && name !== 'writeFileSync')) return undefined;
  if (exists.arguments.length !== 1 || (name === 'mkdirSync' ? act.arguments.length !== 1 : !wxOptions(act))) return undefined;
  if (normalized(exists.arguments[0]!) !== normalized(act.arguments[0]!)) return undefined;
  let cond: ts.Node = exists;
  while (ts.isParenthesizedExpression(cond.parent)) cond = cond.parent;
  const not = cond.parent;
  if (!not || !ts.isPrefixUnaryExpression(not) || not.operator !== ts.SyntaxKind.ExclamationToken) return undefined;
  const ifs = not.parent;
  if (!ifs || !ts.isIfStatement(ifs) || ifs.expression !== not || ifs.elseStatement) return undefined;
  const then = ifs.thenStatement;
  const only = ts.isBlock(then) ? (then.statements.length === 1 ? then.statements[0] : undefined) : then;
  if (!only || !ts.isExpressionStatement(only) || skipOuter(only.expression) !== act) return undefined;
  // Comments inside would be lost.
  if (/\/[/*]/.test(ifs.getText().replace(/(['"`])(?:\\.|(?!\1).)*\1/g, ''))) return undefined;
  return ifs;
}

/** The options argument of `writeFileSync(p, data[, options])` with `flag: 'wx'`, or undefined when it cannot take one (a flag of its own, a non-literal). */
function wxOptions(write: ts.CallExpression): string | undefined {
  const [, data, options, more] = write.arguments;
  if (!data || more || ts.isSpreadElement(data)) return undefined;
  if (!options) return "{ flag: 'wx' }";
  const o = skipOuter(options);
  if (ts.isStringLiteral(o)) return `{ encoding: ${o.getText()}, flag: 'wx' }`;
  if (!ts.isObjectLiteralExpression(o) || o.properties.some((p) => !ts.isPropertyAssignment(p) || p.name.getText() === 'flag')) return undefined;
  return o.properties.length === 0 ? "{ flag: 'wx' }" : `{ ${o.properties.map((p) => p.getText()).join(', ')}, flag: 'wx' }`;
}

/**
 * The replacement text of the `if`: the act's own rewrite, made to do the
 * check itself: `mkdir(p, { recursive: true })`, or `writeFile(p, data, { flag: 'wx' })`
 * with its EEXIST ignored (the file was there: the old code wrote nothing).
 */
export function createAtomicEdit(ifs: ts.IfStatement, act: ts.CallExpression, actEdits: TextEdit[]): TextEdit | undefined {
  const start = act.getStart();
  const end = act.getEnd();
  if (actEdits.some((e) => e.start < start || e.end > end)) return undefined;
  let text = act.getText();
  for (const e of [...actEdits].sort((a, b) => b.start - a.start)) text = text.slice(0, e.start - start) + e.text + text.slice(e.end - start);
  if (calleeName(act) === 'mkdirSync') {
    const close = text.lastIndexOf(')');
    if (close < 0) return undefined;
    return { start: ifs.getStart(), end: ifs.getEnd(), text: `${text.slice(0, close)}, { recursive: true }${text.slice(close)};` };
  }
  // The options are the third argument, untouched by the rewrite: replace it, or add one.
  const options = wxOptions(act);
  if (!options || !text.endsWith(')')) return undefined;
  const third = act.arguments[2];
  if (third) {
    const at = third.getStart() - start + (text.length - (end - start));
    if (text.slice(at, at + third.getWidth()) !== third.getText()) return undefined;
    text = `${text.slice(0, at)}${options}${text.slice(at + third.getWidth())}`;
  } else {
    text = `${text.slice(0, -1)}, ${options})`;
  }
  return { start: ifs.getStart(), end: ifs.getEnd(), text: `${text}.catch((err) => {\n${indentOf(ifs)}  if (err.code !== 'EEXIST') throw err;\n${indentOf(ifs)}});` };
}

function indentOf(node: ts.Node): string {
  const sf = node.getSourceFile();
  const lineStart = sf.getPositionOfLineAndCharacter(sf.getLineAndCharacterOfPosition(node.getStart()).line, 0);
  return /^[ \t]*/.exec(sf.text.slice(lineStart, node.getStart()))![0];
}
