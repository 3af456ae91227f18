// Soundness under `--api replace`: a function may become async only where
// awaitify sees every call of it. Two things hide calls:
// - a call whose receiver awaitify cannot resolve names the same member
//   (`endpoint.matches(data)` with `endpoint` read from `this.db[id]`);
// - the function's reference escapes to where calls are not visible
//   (`self[option.name](...)`, an object of methods handed to a package, a
//   function stored in an array or on an object awaitify does not know).
// Both become 'stop' edges into the function: the planner keeps it sync (or
// gives it a sync twin under `--api twin`) and reports the site.
import { ts } from 'ts-morph';
import { FASTIFY_REQUEST_HOOKS } from '../frameworks.js';
import type { GraphEdge } from '../../core/plan.js';
import { functionOfDeclaration, type FunctionInfo, type GraphBuilder } from './graph.js';
import { baseClassExpression, choiceOnlyCalled, choiceOperands, chosenOperands, identifiersNamed, isFunctionLike, isModuleExports, kindTable, propertyNameText, skipOuter, type FileInfo, type FunctionLike, type ProjectModel, type Value } from './model.js';

// The members of `ts` are getters on an object of thousands of properties (each read about ten times
// a local's cost): the node tests this module calls on every evaluation are read once.
const { forEachChild, isArrayLiteralExpression, isArrayTypeNode, isArrowFunction, isAsExpression, isAwaitExpression, isBinaryExpression, isBlock, isCallExpression, isClassLike, isConstructorDeclaration, isDeleteExpression, isElementAccessExpression, isExportAssignment, isExportSpecifier, isExpression, isFunctionDeclaration, isFunctionExpression, isForOfStatement, isFunctionTypeNode, isIdentifier, isImportClause, isImportEqualsDeclaration, isImportSpecifier, isLiteralTypeNode, isMethodDeclaration, isNamespaceImport, isNewExpression, isNonNullExpression, isNumericLiteral, isObjectLiteralExpression, isParameter, isParenthesizedExpression, isParenthesizedTypeNode, isPrefixUnaryExpression, isPropertyAccessExpression, isPropertyAssignment, isPropertyDeclaration, isRegularExpressionLiteral, isReturnStatement, isSatisfiesExpression, isShorthandPropertyAssignment, isSourceFile, isSpreadAssignment, isSpreadElement, isStringLiteral, isStringLiteralLike, isTemplateExpression, isTupleTypeNode, isTypeOfExpression, isTypeReferenceNode, isUnionTypeNode, isVariableDeclaration, isVariableDeclarationList, isVariableStatement } = ts;

export const UNRESOLVED_RECEIVER = 'unresolved-receiver';
export const ESCAPING_REFERENCE = 'escaping-reference';
export const EXTERNAL_CONTRACT = 'external-contract';

/**
 * Members of NestJS interfaces and base classes that Nest calls without
 * awaiting: the exception handler calls a filter's `catch` and returns
 * (`filter.func(exception, host)` in @nestjs/core's ExceptionsHandler), so an
 * async `catch` leaves a rejection nothing handles. (Nest awaits guards,
 * pipes, interceptors and lifecycle hooks.) A class decorated with `@Catch()`
 * is a filter whether or not it names the interface.
 */
const NEST_UNAWAITED_MEMBERS = new Map<string, string>([
  ['ExceptionFilter', 'catch'],
  ['BaseExceptionFilter', 'catch'],
  ['WsExceptionFilter', 'catch'],
  ['BaseWsExceptionFilter', 'catch'],
  ['Catch', 'catch'],
]);

/** Methods of built-in arrays and strings whose result is again an array or a string. */
const BUILTIN_CHAIN_METHODS = new Set([
  'filter', 'map', 'slice', 'concat', 'flat', 'flatMap', 'reverse', 'sort', 'toSorted', 'toReversed', 'keys', 'values', 'entries',
  'split', 'trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'replace', 'replaceAll', 'substring', 'substr', 'padStart', 'padEnd', 'join', 'toString', 'repeat', 'charAt', 'normalize',
]);
/** Globals whose calls inspect or copy an object without calling its methods. */
const INSPECTING_CALLEES = new Set(['console', 'JSON', 'assert', 'expect', 'sinon', 'jest', 'vi', 'td', 'util', 'should']);
const COMPARISONS = new Set([ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.InstanceOfKeyword]);
const INSPECTING_OBJECT_METHODS = new Set(['keys', 'getOwnPropertyNames', 'isFrozen', 'isSealed', 'is']);

/** The kinds collect dispatches on, read once (the members of `ts` are getters, slow at every node). */
const K = {
  ArrayLiteralExpression: ts.SyntaxKind.ArrayLiteralExpression,
  ArrowFunction: ts.SyntaxKind.ArrowFunction,
  BinaryExpression: ts.SyntaxKind.BinaryExpression,
  CallExpression: ts.SyntaxKind.CallExpression,
  ClassDeclaration: ts.SyntaxKind.ClassDeclaration,
  ClassExpression: ts.SyntaxKind.ClassExpression,
  ConditionalExpression: ts.SyntaxKind.ConditionalExpression,
  ElementAccessExpression: ts.SyntaxKind.ElementAccessExpression,
  NewExpression: ts.SyntaxKind.NewExpression,
  ObjectLiteralExpression: ts.SyntaxKind.ObjectLiteralExpression,
  ReturnStatement: ts.SyntaxKind.ReturnStatement,
};

/** Where an instance is handed over: a library call, or out of its function or module (`to`: 'returned', 'exported'). */
interface HandOverTarget {
  call?: ts.CallExpression | ts.NewExpression;
  to: string;
  /** The local variable it was put in on the way, for the message. */
  holder?: string;
  /** What is handed over is an element read back from that variable (`for (const v of views) lib.mount(v)`). */
  readBack?: boolean;
}

interface HandOver {
  call?: ts.CallExpression | ts.NewExpression;
  how: () => string;
}

interface PropertyCall {
  call: ts.CallExpression;
  receiver: ts.Expression;
  name: string;
  nameNode: ts.Node;
  file: FileInfo;
}

/** A place that may read a member (SoundnessPass.memberReads): a property access, or a destructuring's element. */
interface MemberRead {
  file: FileInfo;
  id: ts.Identifier;
  access?: ts.PropertyAccessExpression;
  binding?: ts.BindingElement;
}

interface EscapeSite {
  expr: ts.Expression;
  file: FileInfo;
  /** What happens to the value here, for the message: written only when a message needs it (most sites escape nothing). */
  how: () => string;
  /** The value is returned here. */
  returned?: boolean;
  /** The call the value is an argument of, when it is one. */
  call?: ts.CallExpression | ts.NewExpression;
}

/**
 * Adds the stop edges. `candidates`: ids of the functions that may become
 * async (those that reach a blocking call); edges into others change nothing.
 */
export function addSoundnessStops(builder: GraphBuilder, model: ProjectModel, files: FileInfo[], candidates: Set<string>, checker: () => ts.TypeChecker): void {
  const targets = new Set<FunctionInfo>();
  for (const id of candidates) {
    const info = builder.byId.get(id);
    if (info && !info.module && !info.graph.alreadyAsync && !info.graph.cannotBeAsync) targets.add(info);
  }
  if (targets.size === 0) return;
  new SoundnessPass(builder, model, files, targets, checker).run();
}

class SoundnessPass {
  /** Object literals that hold a function as a property (`{ getArgs: getArgs }`): `this` inside it may be one of them. */
  private readonly ownersOf = new Map<ts.Node, ts.ObjectLiteralExpression[]>();
  /** Member names a target is reachable under, besides its own method name. */
  private readonly aliases = new Map<FunctionInfo, Set<string>>();
  /** What each target was attached to by assignment (`this.x = fn`, `Foo.prototype.x = fn`): a known receiver's members may not list it. */
  private readonly attachedTo = new Map<ts.Node, FunctionInfo[]>();
  private readonly subclasses = new Map<ts.ClassLikeDeclaration, ts.ClassLikeDeclaration[]>();
  private readonly propertyCalls: PropertyCall[] = [];
  private readonly computedReads: { node: ts.ElementAccessExpression; file: FileInfo }[] = [];
  private readonly objectSites: EscapeSite[] = [];
  private readonly functionSites: EscapeSite[] = [];
  private readonly returnSites: { expr: ts.Expression; file: FileInfo }[] = [];
  private readonly added = new Set<string>();
  private readonly resolvedCalls = new Set<ts.Node>();
  private typeChecker?: ts.TypeChecker;
  private incoming?: Map<string, GraphEdge[]>;

  constructor(
    private readonly builder: GraphBuilder,
    private readonly model: ProjectModel,
    private readonly files: FileInfo[],
    private readonly targets: Set<FunctionInfo>,
    private readonly checker: () => ts.TypeChecker,
  ) {}

  run(): void {
    for (const info of this.builder.sites.values()) if (info.kind === 'call') this.resolvedCalls.add(info.call);
    for (const file of this.files) this.collect(file);
    this.unresolvedReceivers();
    this.computedAccess();
    for (const site of this.objectSites) this.objectEscape(site);
    for (const site of this.functionSites) this.functionEscape(site);
    for (const site of this.returnSites) this.returnedFunction(site.expr, site.file);
    this.externalContracts();
  }

  /**
   * A method of a NestJS filter (`implements ExceptionFilter`, `extends
   * BaseExceptionFilter`, `@Catch()`) that Nest calls without awaiting
   * (NEST_UNAWAITED_MEMBERS): an async form would hand Nest a promise it
   * drops, and a rejection nothing handles. It stays sync.
   */
  private externalContracts(): void {
    for (const t of this.targets) {
      const m = t.node;
      if (!ts.isMethodDeclaration(m) || !ts.isClassLike(m.parent)) continue;
      const name = propertyNameText(m.name);
      if (!name || (ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword)) continue;
      const owners = [...(m.parent.heritageClauses ?? []).flatMap((h) => h.types.map((ty) => ty.expression)), ...decoratorsOfClass(m.parent).map((d) => (ts.isCallExpression(d.expression) ? d.expression.expression : d.expression))];
      for (const owner of owners) {
        const v = this.model.valueOf(owner);
        const from = v?.kind === 'external' && v.path.length === 1 && v.module.startsWith('@nestjs/') ? v : undefined;
        if (!from || NEST_UNAWAITED_MEMBERS.get(from.path[0]!) !== name) continue;
        const clause = owner.parent?.parent;
        const verb = clause && ts.isHeritageClause(clause) ? (clause.token === ts.SyntaxKind.ExtendsKeyword ? 'overrides' : 'implements') : undefined;
        const how = verb ? `${verb} \`${from.path[0]}.${name}\`` : `is a \`@${from.path[0]}()\` filter's \`${name}\``;
        this.builder.addEscapeStop(null, t, m.name, t.file, EXTERNAL_CONTRACT, `it ${how} (${from.module}), which Nest calls without awaiting: an async form would hand Nest a promise it drops, and a rejection nothing handles`);
        break;
      }
    }
  }

  private target(node: ts.Node | undefined): FunctionInfo | undefined {
    const info = node && this.builder.functions.get(node);
    return info && this.targets.has(info) ? info : undefined;
  }

  private functionValue(expr: ts.Expression): FunctionInfo | undefined {
    const inner = skipOuter(expr);
    if (isArrowFunction(inner) || isFunctionExpression(inner)) return this.target(inner);
    if (!isIdentifier(inner) && !isPropertyAccessExpression(inner)) return undefined;
    // A module whose whole export is a function (`const show = require('./show')`) stands for it.
    const v = this.model.functionOf(this.model.valueOf(inner));
    return v ? this.target(v.node) : undefined;
  }

  private alias(fn: FunctionInfo, name: string | undefined): void {
    if (!name) return;
    let set = this.aliases.get(fn);
    if (!set) this.aliases.set(fn, (set = new Set()));
    set.add(name);
  }

  // ---- collection ------------------------------------------------------------

  private collect(file: FileInfo): void {
    // One switch on the kind, over the nodes the graph's walk kept (every node of these kinds, in document order).
    for (const node of this.builder.syntaxNodes(file)) {
      switch (node.kind) {
        case K.ObjectLiteralExpression:
          this.onObjectLiteral(node as ts.ObjectLiteralExpression);
          break;
        case K.ClassDeclaration:
        case K.ClassExpression:
          this.onClass(node as ts.ClassLikeDeclaration);
          break;
        case K.CallExpression:
          this.onCall(node as ts.CallExpression, file);
          break;
        case K.NewExpression:
          this.onArguments(node as ts.NewExpression, file);
          break;
        case K.ElementAccessExpression:
          this.onElementAccess(node as ts.ElementAccessExpression, file);
          break;
        case K.BinaryExpression:
          if ((node as ts.BinaryExpression).operatorToken.kind === ts.SyntaxKind.EqualsToken) this.onAssignment(node as ts.BinaryExpression, file);
          else this.onChosenValue(node as ts.BinaryExpression, file);
          break;
        case K.ConditionalExpression:
          this.onChosenValue(node as ts.ConditionalExpression, file);
          break;
        case K.ReturnStatement: {
          const returned = (node as ts.ReturnStatement).expression;
          if (returned) this.onReturned(returned, file);
          break;
        }
        case K.ArrowFunction: {
          const body = (node as ts.ArrowFunction).body;
          if (!isBlock(body)) this.onReturned(body, file);
          break;
        }
        case K.ArrayLiteralExpression:
          this.onArray(node as ts.ArrayLiteralExpression, file);
          break;
      }
    }
  }

  private onObjectLiteral(obj: ts.ObjectLiteralExpression): void {
    for (const p of obj.properties) {
      let fnNode: ts.Node | undefined;
      if (isMethodDeclaration(p)) fnNode = p;
      else if (isPropertyAssignment(p) || isShorthandPropertyAssignment(p)) {
        const v = isPropertyAssignment(p) ? this.model.valueOf(p.initializer) : this.model.valueOf(p.name);
        if (v?.kind === 'function') fnNode = v.node;
      }
      if (!fnNode) continue;
      const owners = this.ownersOf.get(fnNode);
      if (owners) owners.push(obj);
      else this.ownersOf.set(fnNode, [obj]);
      const t = this.target(fnNode);
      if (t) this.alias(t, propertyNameText(p.name));
    }
  }

  private onClass(cls: ts.ClassLikeDeclaration): void {
    const base = baseClassExpression(cls);
    const b = base && this.model.valueOf(base);
    if (b?.kind === 'class') {
      const list = this.subclasses.get(b.node);
      if (list) list.push(cls);
      else this.subclasses.set(b.node, [cls]);
    }
    for (const m of cls.members) {
      if (isPropertyDeclaration(m) && m.initializer) {
        const t = this.functionValue(m.initializer);
        if (t) this.alias(t, propertyNameText(m.name));
      }
    }
  }

  private onCall(call: ts.CallExpression, file: FileInfo): void {
    const callee = skipOuter(call.expression);
    if (isPropertyAccessExpression(callee) && callee.expression.kind !== ts.SyntaxKind.SuperKeyword) {
      this.propertyCalls.push({ call, receiver: callee.expression, name: callee.name.text, nameNode: callee.name, file });
      // `api.dir = dir.bind(null, name)`: the bound function calls `dir` wherever it goes. Handed to a
      // call as a callback it is the graph's (a registration, or a stop with the callee named); elsewhere it escapes.
      const outer = outermostParen(call);
      const host = outer.parent;
      // `this.onX = this.onX.bind(this)` replaces a member by its bound self: calls of `this.onX()` are followed as before.
      const rebound = host && isBinaryExpression(host) && host.operatorToken.kind === ts.SyntaxKind.EqualsToken && host.right === outer && skipOuter(host.left).getText() === skipOuter(callee.expression).getText();
      // `const lookup = dev ? viaLocal.bind(0, dir) : viaCache.bind(0, files)`, every use of `lookup` a call: the graph follows those calls.
      const calledChosen = host && isExpression(host) && chosenOperands(host)?.includes(call) && choiceOnlyCalled(outermostChoice(host), this.model);
      if (callee.name.text === 'bind' && !rebound && !calledChosen && !(host && (isCallExpression(host) || isNewExpression(host)) && isArgumentOf(outer, host))) {
        this.functionSites.push({ expr: callee.expression, file, how: () => `it is bound (\`${shortText(call, file)}\`)` });
      }
    } else if (isElementAccessExpression(callee) && isStringLiteralLike(callee.argumentExpression)) {
      this.propertyCalls.push({ call, receiver: callee.expression, name: callee.argumentExpression.text, nameNode: callee.argumentExpression, file });
    }
    this.onArguments(call, file);
  }

  private onArguments(call: ts.CallExpression | ts.NewExpression, file: FileInfo): void {
    for (const arg of call.arguments ?? []) {
      // Most arguments (literals, calls, functions written there) are of kinds objectEscape returns on at once: no site is made for them.
      if (isSpreadElement(arg)) {
        if (mayEscapeAsObject(arg.expression)) this.objectSites.push({ expr: arg.expression, file, how: () => 'it is spread into a call', call });
      } else if (mayEscapeAsObject(arg)) this.objectSites.push({ expr: arg, file, how: () => `it is passed to \`${shortText(call.expression, file)}(...)\``, call });
    }
  }

  private onElementAccess(node: ts.ElementAccessExpression, file: FileInfo): void {
    const key = skipOuter(node.argumentExpression);
    if (isStringLiteralLike(key) || isNumericLiteral(key)) return;
    let n: ts.Node = node;
    while (n.parent && isParenthesizedExpression(n.parent)) n = n.parent;
    const p = n.parent;
    // A write (`obj[k] = v`) or a `delete` calls nothing.
    if (p && isBinaryExpression(p) && p.left === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) return;
    if (p && isDeleteExpression(p)) return;
    // Tests of the value (`self[k] != null`, `typeof obj[k]`, `!obj[k]`) call nothing either.
    if (p && (isTypeOfExpression(p) || (isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken))) return;
    if (p && isBinaryExpression(p) && COMPARISONS.has(p.operatorToken.kind)) return;
    this.computedReads.push({ node, file });
  }

  /**
   * `c ? f : g`, `a || f`, `a ?? f`, `a && f`, `a ||= f`, `(x, f)`: the model
   * does not follow a value chosen at run time, so a call through what this
   * expression yields (`const realpath = win ? safe : fs.realpathSync`) is not
   * seen as a call of `f`. The function escapes here.
   */
  private onChosenValue(node: ts.ConditionalExpression | ts.BinaryExpression, file: FileInfo): void {
    const operands = choiceOperands(node);
    // Only an operand functionValue can resolve (a function written there, a name, a member) can escape here.
    if (!operands || !operands.some(mayBeFunctionValue)) return;
    // Only called where the graph sees the calls (`const pick = c ? f : g; pick(x)`): followed there.
    if (choiceOnlyCalled(outermostChoice(node), this.model)) return;
    const how = () => `its value flows through \`${shortText(node, file)}\``;
    for (const expr of operands) this.functionSites.push({ expr, file, how });
  }

  private onAssignment(node: ts.BinaryExpression, file: FileInfo): void {
    const left = skipOuter(node.left);
    // `realpath = fn`: the model resolves a variable to its initializer only, so calls through it after this are not seen.
    if (isIdentifier(left)) {
      this.functionSites.push({ expr: node.right, file, how: () => `it is assigned to \`${left.text}\`` });
      return;
    }
    if (!isPropertyAccessExpression(left) && !isElementAccessExpression(left)) return;
    if (isModuleExports(left) || isExportsTarget(left)) return;
    const name = isPropertyAccessExpression(left) ? left.name.text : isStringLiteralLike(left.argumentExpression) ? left.argumentExpression.text : undefined;
    const fn = this.functionValue(node.right);
    if (fn && name !== undefined && this.isProjectReceiver(left.expression)) {
      // `this.x = fn`, `Foo.prototype.x = fn`, `obj.x = fn`: calls of `.x` are matched by name.
      this.alias(fn, name);
      const owner = this.ownerNode(left.expression);
      if (owner) {
        const list = this.attachedTo.get(owner);
        if (list) list.push(fn);
        else this.attachedTo.set(owner, [fn]);
      }
      return;
    }
    // `W.prototype = { m: function () {} }` of a constructor function: the model resolves
    // `new W().m()` to these members, and unresolved `.m()` calls match them by name.
    if (!fn && isPropertyAccessExpression(left) && left.name.text === 'prototype' && this.model.valueOf(left.expression)?.kind === 'function') return;
    const how = () => `it is stored in \`${shortText(left, file)}\``;
    if (fn) this.functionSites.push({ expr: node.right, file, how });
    this.objectSites.push({ expr: node.right, file, how });
  }

  private onReturned(expr: ts.Expression, file: FileInfo): void {
    // A "revealing module" (`module.exports = (function () { ...; return { a: a }; })()`)
    // returns its object to where the model follows it: its members are resolved like
    // those of `module.exports = { a: a }`.
    if (isRevealingModuleReturn(expr)) return;
    this.objectSites.push({ expr, file, how: () => 'it is returned', returned: true });
    this.returnSites.push({ expr, file });
  }

  private onArray(node: ts.ArrayLiteralExpression, file: FileInfo): void {
    let n: ts.Node = node;
    while (n.parent && isParenthesizedExpression(n.parent)) n = n.parent;
    // `app.get('/x', [auth, handler])`: the call's own callback handling sees these.
    const handedOver = (n.parent && (isCallExpression(n.parent) || isNewExpression(n.parent)) && isArgumentOf(n, n.parent)) || isRouteHookList(n);
    for (const el of node.elements) {
      const expr = isSpreadElement(el) ? el.expression : el;
      if (!handedOver) this.functionSites.push({ expr, file, how: STORED_IN_ARRAY });
      this.objectSites.push({ expr, file, how: STORED_IN_ARRAY });
    }
  }

  /** What a member assigned on `expr` belongs to: a class (`this.x = fn` in a member), an object literal, a module's file, a function (`Foo.prototype.x = fn`). */
  private ownerNode(expr: ts.Expression): ts.Node | undefined {
    const e = skipOuter(expr);
    if (isPropertyAccessExpression(e) && e.name.text === 'prototype') return this.ownerNode(e.expression);
    const v = e.kind === ts.SyntaxKind.ThisKeyword ? this.model.valueOfThis(e) : this.model.valueOf(e);
    return v ? ownerKey(v) : undefined;
  }

  private attachedToValue(v: Value, fns: FunctionInfo[]): FunctionInfo[] {
    const key = ownerKey(v);
    const list = key ? this.attachedTo.get(key) : undefined;
    return list ? fns.filter((fn) => list.includes(fn)) : [];
  }

  /** `this`, `Foo.prototype`, or a value awaitify resolves to project code. */
  private isProjectReceiver(expr: ts.Expression): boolean {
    const e = skipOuter(expr);
    if (e.kind === ts.SyntaxKind.ThisKeyword) return true;
    if (isPropertyAccessExpression(e) && e.name.text === 'prototype') return this.isProjectReceiver(e.expression);
    const v = this.model.valueOf(e);
    return Boolean(v && (v.kind === 'object' || v.kind === 'class' || v.kind === 'instance' || v.kind === 'function' || v.kind === 'module'));
  }

  // ---- unresolved receivers --------------------------------------------------

  private unresolvedReceivers(): void {
    const byName = new Map<string, FunctionInfo[]>();
    for (const t of this.targets) {
      const names = new Set(this.aliases.get(t) ?? []);
      const own = ownMemberName(t.node);
      if (own) names.add(own);
      for (const name of names) {
        const list = byName.get(name);
        if (list) list.push(t);
        else byName.set(name, [t]);
      }
    }
    if (byName.size === 0) return;
    for (const pc of this.propertyCalls) {
      const fns = byName.get(pc.name);
      if (!fns || this.resolvedCalls.has(pc.call) || resultIsAwaited(pc.call)) continue;
      let reached = this.receiverMayReach(pc, fns, byName);
      if (reached.length === 0 || this.declaredOutsideProject(pc.nameNode)) continue;
      // `chan.removeUser()` on a typed result the graph left opaque: the type checker names the method it calls.
      const known = this.checkerCallees(pc.nameNode);
      if (known) reached = reached.filter((fn) => known.some((k) => k === fn.node || this.overrides(fn, k)));
      if (reached.length === 0) continue;
      const pos = pc.file.sf.getLineAndCharacterOfPosition(pc.call.getStart(pc.file.sf));
      const where = `${pc.file.path}:${pos.line + 1}`;
      for (const fn of reached) {
        this.stop(pc.call, pc.file, fn, UNRESOLVED_RECEIVER, `it is also called at ${where} on a value awaitify cannot resolve (\`${shortText(pc.receiver, pc.file)}.${pc.name}()\`), and that call would get a promise`);
      }
    }
  }

  /** The targets a call `receiver.name()` that did not resolve may still reach. */
  private receiverMayReach(pc: PropertyCall, fns: FunctionInfo[], byName: Map<string, FunctionInfo[]>): FunctionInfo[] {
    const receiver = skipOuter(pc.receiver);
    if (this.isBuiltinReceiver(receiver, byName)) return [];
    if (this.typedOutsideProject(receiver)) return [];
    const thisClass = this.thisClass(receiver);
    if (thisClass) {
      // `this.validate()` in a base class that does not define it: a subclass's method, or one attached by assignment.
      const attached = this.attachedTo.get(thisClass) ?? [];
      return fns.filter((fn) => attached.includes(fn) || this.derivesFrom(fn, thisClass));
    }
    const v = this.model.moduleExportValue(this.model.valueOf(receiver));
    if (!v) {
      if (this.handlerParameter(frameworkChainRoot(receiver, byName))) return [];
      // A parameter of a file-local function: what its callers pass.
      const passed = this.parameterDepth < 4 ? this.allParameterArguments(receiver) : undefined;
      if (!passed) return fns;
      this.parameterDepth++;
      try {
        return fns.filter((fn) => passed.some((arg) => this.receiverMayReach({ ...pc, receiver: arg }, [fn], byName).length > 0));
      } finally {
        this.parameterDepth--;
      }
    }
    switch (v.kind) {
      case 'fninstance':
        // A constructor function's member the model did not find (inherited, patched): any of them.
        return fns;
      case 'external':
      case 'typed':
        return [];
      case 'result':
        // A package's value (`express()`, `new Map()`); a project function's result is not known.
        return isPackageValue(v.of) ? [] : fns;
      case 'object':
        return hasUnknownSpread(v.node, this.model) ? fns : this.attachedToValue(v, fns);
      case 'class':
      case 'instance': {
        const attached = this.attachedToValue(v, fns);
        return fns.filter((fn) => attached.includes(fn) || this.derivesFrom(fn, v.node));
      }
      default:
        // A known module or function without that member: only members assigned to it where awaitify does not look.
        return this.attachedToValue(v, fns);
    }
  }

  private isBuiltinReceiver(receiver: ts.Expression, byName: Map<string, FunctionInfo[]>): boolean {
    if (
      isStringLiteralLike(receiver) ||
      isTemplateExpression(receiver) ||
      isNumericLiteral(receiver) ||
      isArrayLiteralExpression(receiver) ||
      isRegularExpressionLiteral(receiver) ||
      isObjectLiteralExpression(receiver)
    ) {
      return true;
    }
    // `Object.keys(o).find(...)`, `process.env.X.split(...)`: rooted in a global.
    let root: ts.Expression = receiver;
    for (;;) {
      if (isPropertyAccessExpression(root) || isElementAccessExpression(root)) root = skipOuter(root.expression);
      else if (isCallExpression(root)) {
        const c = skipOuter(root.expression);
        // `xs.filter(f).find(g)`: the result of an array or string method is one too.
        if (isPropertyAccessExpression(c) && BUILTIN_CHAIN_METHODS.has(c.name.text) && !byName.has(c.name.text)) return true;
        root = c;
      } else break;
    }
    if (isIdentifier(root) && root.text !== 'require' && root.text !== 'exports' && root.text !== 'module' && !this.model.lookup(root.text, root)) return true;
    // `const parts = []`, `let name = ''`: a literal's methods.
    if (isIdentifier(receiver)) {
      const decl = this.model.lookup(receiver.text, receiver);
      if (decl && isVariableDeclaration(decl) && decl.initializer && isVariableDeclarationList(decl.parent) && decl.parent.flags & ts.NodeFlags.Const) {
        const init = skipOuter(decl.initializer);
        if (isArrayLiteralExpression(init) || isStringLiteralLike(init) || isTemplateExpression(init)) return true;
      }
    }
    return false;
  }

  /** A receiver declared with a built-in or package type (`m: Map<K, V>`, `names: string[]`, `private res: Response`). */
  private typedOutsideProject(receiver: ts.Expression): boolean {
    let type: ts.TypeNode | undefined;
    if (isIdentifier(receiver)) {
      const decl = this.model.lookup(receiver.text, receiver);
      if (decl && (isParameter(decl) || isVariableDeclaration(decl)) && isIdentifier(decl.name)) type = decl.type;
    } else if (isPropertyAccessExpression(receiver) && skipOuter(receiver.expression).kind === ts.SyntaxKind.ThisKeyword) {
      const cls = this.thisClass(receiver.expression);
      const name = receiver.name.text;
      for (const m of cls?.members ?? []) {
        if (isPropertyDeclaration(m) && propertyNameText(m.name) === name) type = m.type;
        // `constructor(private readonly cache: Map<string, T>)`
        if (isConstructorDeclaration(m)) for (const p of m.parameters) if (isIdentifier(p.name) && p.name.text === name && ts.getModifiers(p)?.length) type = p.type;
      }
    }
    return type ? this.nonProjectType(type) : false;
  }

  private nonProjectType(type: ts.TypeNode): boolean {
    switch (type.kind) {
      case ts.SyntaxKind.StringKeyword:
      case ts.SyntaxKind.NumberKeyword:
      case ts.SyntaxKind.BooleanKeyword:
      case ts.SyntaxKind.BigIntKeyword:
      case ts.SyntaxKind.SymbolKeyword:
        return true;
    }
    if (isArrayTypeNode(type) || isTupleTypeNode(type) || isLiteralTypeNode(type) || isFunctionTypeNode(type)) return true;
    if (isParenthesizedTypeNode(type)) return this.nonProjectType(type.type);
    if (isUnionTypeNode(type)) return type.types.every((t) => t.kind === ts.SyntaxKind.UndefinedKeyword || (isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword) || this.nonProjectType(t));
    if (!isTypeReferenceNode(type)) return false;
    const left = isIdentifier(type.typeName) ? type.typeName : type.typeName.left;
    if (!isIdentifier(left)) return false;
    const decl = this.model.lookup(left.text, left);
    // A global type (`Map`, `Array`, `Record`, `Buffer`): the standard library's.
    if (!decl) return true;
    if (isImportSpecifier(decl) || isImportClause(decl) || isNamespaceImport(decl) || isImportEqualsDeclaration(decl)) {
      const v = this.model.valueOfDeclaration(decl);
      return v?.kind === 'external';
    }
    return false;
  }

  private parameterDepth = 0;

  /**
   * The arguments every call passes for parameter `receiver`, when it is a
   * plain parameter of a function declared in its file, not exported, and
   * only ever called by name there (so every call is in view); else undefined.
   */
  private allParameterArguments(receiver: ts.Expression): ts.Expression[] | undefined {
    if (!isIdentifier(receiver)) return undefined;
    const decl = this.model.lookup(receiver.text, receiver);
    if (!decl || !isParameter(decl) || !isIdentifier(decl.name) || decl.dotDotDotToken || decl.initializer) return undefined;
    const fn = decl.parent;
    if (!isFunctionDeclaration(fn) || !fn.name || hasExportModifier(fn)) return undefined;
    // The parameter must not be reassigned in the function.
    let reassigned = false;
    const checkAssign = (n: ts.Node): void => {
      if (isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment && isIdentifier(skipOuter(n.left)) && (skipOuter(n.left) as ts.Identifier).text === decl.name.getText()) reassigned = true;
      forEachChild(n, checkAssign);
    };
    if (fn.body) checkAssign(fn.body);
    if (reassigned) return undefined;
    const index = fn.parameters.indexOf(decl);
    const name = fn.name.text;
    const args: ts.Expression[] = [];
    let calls = 0;
    // The file's identifiers spelled like the function, in document order.
    for (const n of identifiersNamed(fn.getSourceFile(), name)) {
      if (n === fn.name || this.model.lookup(name, n) !== fn) continue;
      let u: ts.Node = n;
      while (u.parent && isParenthesizedExpression(u.parent)) u = u.parent;
      const call = u.parent;
      if (!call || !isCallExpression(call) || call.expression !== u || call.arguments.slice(0, index + 1).some((a) => isSpreadElement(a))) return undefined;
      calls++;
      const arg = call.arguments[index];
      if (!arg) return undefined;
      args.push(arg);
    }
    // `module.exports = { name }` and the like read the name without calling it: refused above.
    return calls > 0 ? args : undefined;
  }

  /** `req`, `res`, `reply`, `ctx` of a registered handler: the framework's objects, not project code. */
  private handlerParameter(receiver: ts.Expression): boolean {
    if (!isIdentifier(receiver)) return false;
    const decl = this.model.lookup(receiver.text, receiver);
    if (!decl || !isParameter(decl) || !isFunctionLike(decl.parent)) return false;
    return Boolean(this.builder.functions.get(decl.parent)?.registration);
  }

  /** The class `this` (or `const self = this`) is an instance of, inside a class member. */
  private thisClass(receiver: ts.Expression): ts.ClassLikeDeclaration | undefined {
    const self = thisExpression(receiver, this.model);
    if (!self) return undefined;
    const v = this.model.valueOfThis(self);
    return v && (v.kind === 'instance' || v.kind === 'class') ? v.node : undefined;
  }

  private derivesFrom(fn: FunctionInfo, base: ts.ClassLikeDeclaration): boolean {
    let cls: ts.ClassLikeDeclaration | undefined = isClassLike(fn.node.parent) ? fn.node.parent : undefined;
    for (let depth = 0; cls && depth < 10; depth++) {
      if (cls === base) return depth > 0;
      const b = baseClassExpression(cls);
      const v = b && this.model.valueOf(b);
      cls = v?.kind === 'class' ? v.node : undefined;
    }
    return false;
  }

  /**
   * The project functions the type checker resolves a call's name to (a
   * method of the receiver's declared or inferred type, every implementation
   * of an interface member), when every declaration it names is one; else
   * undefined. The graph sends only some calls to the checker (a relevant
   * name, a receiver it could not value): this pass asks for the others.
   */
  private checkerCallees(nameNode: ts.Node): FunctionLike[] | undefined {
    let sym: ts.Symbol | undefined;
    try {
      this.typeChecker ??= this.checker();
      sym = this.typeChecker.getSymbolAtLocation(nameNode);
      if (sym && sym.flags & ts.SymbolFlags.Alias) sym = this.typeChecker.getAliasedSymbol(sym);
    } catch {
      return undefined;
    }
    const decls = sym?.declarations ?? [];
    if (decls.length === 0) return undefined;
    const out: FunctionLike[] = [];
    for (const d of decls) {
      const impls = this.builder.implementationsOf.get(d);
      if (impls?.length) {
        out.push(...impls.map((i) => i.node));
        continue;
      }
      const fnNode = this.model.fileOf(d) ? functionOfDeclaration(d) : undefined;
      if (!fnNode) return undefined;
      out.push(fnNode);
    }
    return out;
  }

  /** A receiver the model has no value for, or the result of a call that is not a package's, and not a handler's `req`/`res`: what the type checker may know better. */
  private unvaluedProjectReceiver(receiver: ts.Expression): boolean {
    const r = skipOuter(receiver);
    const v = this.model.moduleExportValue(this.model.valueOf(r));
    if (v) return v.kind === 'result' && !isPackageValue(v.of);
    let root: ts.Expression = r;
    while (isPropertyAccessExpression(root) || isCallExpression(root) || isElementAccessExpression(root)) root = skipOuter(root.expression);
    return !this.handlerParameter(root) && !(isIdentifier(root) && !this.model.lookup(root.text, root));
  }

  /** `fn` is a method of a subclass of `base`'s class, of the same name (a call of `base` may dispatch to it). */
  private overrides(fn: FunctionInfo, base: FunctionLike): boolean {
    const cls = base.parent;
    if (!isMethodDeclaration(fn.node) || !isMethodDeclaration(base) || !cls || !isClassLike(cls)) return false;
    const name = propertyNameText(fn.node.name);
    return name !== undefined && name === propertyNameText(base.name) && this.derivesFrom(fn, cls);
  }

  /** The type checker knows the member as something from a package or the standard library. */
  private declaredOutsideProject(nameNode: ts.Node): boolean {
    let sym: ts.Symbol | undefined;
    try {
      this.typeChecker ??= this.checker();
      sym = this.typeChecker.getSymbolAtLocation(nameNode);
      if (sym && sym.flags & ts.SymbolFlags.Alias) sym = this.typeChecker.getAliasedSymbol(sym);
    } catch {
      return false;
    }
    const decls = sym?.declarations ?? [];
    return decls.length > 0 && decls.every((d) => !this.model.fileOf(d));
  }

  // ---- escaping references ---------------------------------------------------

  /** `obj[key]`, `this[name]`, `self[option.name]`: every function member may be what is read. */
  private computedAccess(): void {
    for (const { node, file } of this.computedReads) {
      const receiver = skipOuter(node.expression);
      const members = new Set<FunctionInfo>();
      const v = this.model.moduleExportValue(this.model.valueOf(receiver));
      if (v) this.membersOf(v, members, false);
      else if (isIdentifier(receiver) && this.parameterArguments(receiver).length) {
        // `function dispatch(handlers, type) { handlers[type]() }`: what the project passes in.
        for (const arg of this.parameterArguments(receiver)) this.membersOf(arg, members, false);
      } else {
        // `this` inside a function that is itself an object's property: that object.
        const self = thisExpression(receiver, this.model);
        const fn = self && enclosingThisFunction(self);
        for (const obj of (fn && this.ownersOf.get(fn)) ?? []) this.membersOf({ kind: 'object', node: obj, file: this.model.fileOf(obj)! }, members, false);
      }
      const text = `${shortText(receiver, file)}[${shortText(node.argumentExpression, file)}]`;
      for (const fn of members) this.stop(node, file, fn, ESCAPING_REFERENCE, `\`${text}\` reads it by a computed name, so awaitify cannot see where it is called`);
    }
  }

  /** The values project calls pass for a parameter, when the name is one. */
  private parameterArguments(name: ts.Identifier): Value[] {
    const decl = this.model.lookup(name.text, name);
    if (!decl || !isParameter(decl) || !isIdentifier(decl.name) || decl.dotDotDotToken || !isFunctionLike(decl.parent)) return [];
    const fn = this.builder.functions.get(decl.parent);
    if (!fn) return [];
    const index = decl.parent.parameters.indexOf(decl);
    const out: Value[] = [];
    for (const e of this.edgesInto(fn.id)) {
      const info = this.builder.sites.get(e);
      if (info?.kind !== 'call' && info?.kind !== 'new') continue;
      const arg = info.call.arguments?.[index];
      const v = arg && !isSpreadElement(arg) ? this.model.moduleExportValue(this.model.valueOf(arg)) : undefined;
      if (v) out.push(v);
    }
    return out;
  }

  /** The target functions a value holds as members (with nested objects when `deep`). */
  private membersOf(v: Value, out: Set<FunctionInfo>, deep: boolean, depth = 0): void {
    if (depth > 4) return;
    switch (v.kind) {
      case 'function': {
        const t = this.target(v.node);
        if (t) out.add(t);
        return;
      }
      case 'object':
        for (const t of this.attachedTo.get(v.node) ?? []) out.add(t);
        for (const p of v.node.properties) {
          if (isMethodDeclaration(p)) {
            const t = this.target(p);
            if (t) out.add(t);
            continue;
          }
          const expr = isPropertyAssignment(p) ? p.initializer : isShorthandPropertyAssignment(p) ? p.name : isSpreadAssignment(p) ? p.expression : undefined;
          const pv = expr && this.model.valueOf(expr);
          if (!pv) continue;
          if (pv.kind === 'function') this.membersOf(pv, out, deep, depth + 1);
          else if (isSpreadAssignment(p) || deep) this.membersOf(pv, out, deep, depth + 1);
        }
        return;
      case 'class':
      case 'instance':
        this.classMembers(v.node, v.kind === 'class', out, new Set());
        return;
      case 'module':
        for (const get of this.model.exportsOf(v.file).named.values()) {
          const ev = get();
          if (ev?.kind === 'function' || (deep && ev)) this.membersOf(ev!, out, deep, depth + 1);
        }
        return;
      default:
        return;
    }
  }

  /** Methods of a class, its bases and its subclasses (any of them may be the instance's). */
  private classMembers(cls: ts.ClassLikeDeclaration, isStatic: boolean, out: Set<FunctionInfo>, seen: Set<ts.Node>): void {
    if (seen.has(cls)) return;
    seen.add(cls);
    for (const m of cls.members) {
      const st = (ts.getModifiers(m as ts.HasModifiers) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
      if (st !== isStatic) continue;
      if (isMethodDeclaration(m)) {
        const t = this.target(m);
        if (t) out.add(t);
      } else if (isPropertyDeclaration(m) && m.initializer) {
        const t = this.functionValue(m.initializer);
        if (t) out.add(t);
      }
    }
    for (const t of this.attachedTo.get(cls) ?? []) out.add(t);
    const base = baseClassExpression(cls);
    const b = base && this.model.valueOf(base);
    if (b?.kind === 'class') this.classMembers(b.node, isStatic, out, seen);
    for (const sub of this.subclasses.get(cls) ?? []) this.classMembers(sub, isStatic, out, seen);
  }

  /**
   * An object of project methods handed to code awaitify cannot see, returned, stored or spread into a call.
   * Calls of project methods that only the type checker resolves are asked of it only when a stop would
   * otherwise be added (creating the checker costs a second or more on a project that needs it nowhere else).
   */
  private objectEscape(site: EscapeSite): void {
    this.checkerSkipped = false;
    let stops = this.objectEscapeStops(site);
    if (stops.length > 0 && this.checkerSkipped) {
      this.askChecker = true;
      try {
        stops = this.objectEscapeStops(site);
      } finally {
        this.askChecker = false;
      }
    }
    for (const [fn, message] of stops) this.stop(site.expr, site.file, fn, ESCAPING_REFERENCE, message);
  }

  /** Whether callSeesMembers may ask the type checker, and whether it left a call unasked. */
  private askChecker = false;
  private checkerSkipped = false;

  private objectEscapeStops(site: EscapeSite): [FunctionInfo, string][] {
    const stops: [FunctionInfo, string][] = [];
    const expr = skipOuter(site.expr);
    // `ko.renderTemplate('path', this)`, `widgets.mount(this)`: a class instance handing itself to a library, which may call its methods.
    if (!OBJECT_SITE_KINDS[expr.kind]) return stops;
    const self = expr.kind === ts.SyntaxKind.ThisKeyword && site.call !== undefined && !superConstructorCall(site.call) && !copiesOnto(site.call, site.expr);
    if (!self && expr.kind === ts.SyntaxKind.ThisKeyword) return stops;
    const made = isCallExpression(expr);
    const v = this.model.valueOf(expr);
    // `const view = new View(); widgets.mount(view)`, `widgets.mountAll([view])`, `const views = [view]; widgets.mountAll(views)`: an instance handed to a library, which may call its methods.
    // `widgets.mount(makeView())`, `const view = makeView(); widgets.mount(view)`: the instances a project function returns.
    const instances = self ? [] : v?.kind === 'instance' ? [v] : v?.kind === 'result' ? this.returnedInstances(v, 0) : [];
    if (made && instances.length === 0) return stops;
    const handOver = instances.length > 0 ? this.instanceHandOver(site) : undefined;
    if (!v || (v.kind !== 'object' && !(self && v.kind === 'instance') && !handOver)) return stops;
    if (!handOver && site.call && this.callSeesMembers(site.call)) return stops;
    if (site.returned && this.factoryObjectFollowed(site.expr)) return stops;
    const members = new Set<FunctionInfo>();
    for (const held of handOver ? instances : [v]) this.membersOf(held, members, true);
    // `res.json(user)` serialises the instance: of its methods only `toJSON` is called.
    if (handOver?.call && this.serialisingCall(handOver.call)) for (const fn of members) if (fn.graph.name.split('.').pop() !== 'toJSON') members.delete(fn);
    if (members.size === 0) return stops;
    const maker = v.kind === 'result' ? this.model.functionOf(v.of) : undefined;
    const madeBy = maker && this.builder.functions.get(maker.node)?.graph.name;
    // `const banner = makeBanner(); layout.use(banner)`: "returned by `makeBanner`, it is passed to ...".
    const how = handOver ? (madeBy ? () => `returned by \`${madeBy}\`, ${handOver.how()}` : handOver.how) : site.how;
    // Members the call registers itself (`fastify.route({ handler })`) are handled where it is made.
    const argStart = site.expr.getStart(site.file.sf);
    const argEnd = site.expr.getEnd();
    for (const fn of members) {
      if (site.call && this.handledInside(fn, site.file, argStart, argEnd)) continue;
      const name = fn.graph.name;
      stops.push([fn, `the object holding \`${name}\` escapes here (${how()}), where awaitify cannot see how its methods are called`]);
    }
    return stops;
  }

  /** The class instances a call of a project function may give (`return new View()`, `const v = new View(); return v`, `return makeView()`, `return cached || new View()`). */
  private returnedInstances(v: Value, depth: number): Value[] {
    if (v.kind === 'instance') return [v];
    const fn = v.kind === 'result' && depth < 4 ? this.model.functionOf(v.of) : undefined;
    const body = fn?.node.body;
    if (!body) return [];
    if (!isBlock(body)) return this.instancesReturnedAs(body, depth);
    // The body's own `return` statements, listed once per body (a factory's result may be handed to many calls).
    const out: Value[] = [];
    for (const r of ownReturnStatements(body)) if (r.expression) out.push(...this.instancesReturnedAs(r.expression, depth));
    return out;
  }

  private instancesReturnedAs(expr: ts.Expression, depth: number): Value[] {
    const chosen = chosenOperands(expr) ?? [expr];
    return chosen.flatMap((e) => {
      const r = this.model.valueOf(e);
      return r ? this.returnedInstances(r, depth + 1) : [];
    });
  }

  /**
   * Where an instance (not `this`) is handed over: to a library call as an
   * argument (`widgets.mount(view)`, `new Dialog(view)`), or in an array or
   * object literal that reaches one, directly (`widgets.mountAll([a, b])`)
   * or through a local variable (`const views = [a]; widgets.mountAll(views)`,
   * `views.push(a)`, `opts.view = a`), or that is returned or exported, or
   * read back out of such a collection first (`for (const v of views)
   * widgets.mount(v)`, `views.forEach((v) => widgets.mount(v))`,
   * `widgets.mount(views[0])`, `byId.get(id)`). Not a
   * copy onto it (`Object.assign(view, o)`), nor storing it in a collection
   * nothing hands over (`recent.push(view)`, `cache.set(id, view)`): project
   * code that reads it back calls its methods through a receiver the graph
   * sees; nor a project function or a call that only inspects it.
   */
  private instanceHandOver(site: EscapeSite): HandOver | undefined {
    if (site.returned) return undefined;
    const found = site.call ? this.callHandOver(site.call, outermostParen(site.expr), 0) : this.handOverFrom(site.expr, 0);
    if (!found) return undefined;
    const to = found.call ? `passed to \`${shortText(found.call.expression, site.file)}(...)\`` : found.to;
    if (found.call && found.call === site.call) return { call: found.call, how: site.how };
    const arrayArgument = site.how === STORED_IN_ARRAY && found.call && outermostParen(outermostParen(site.expr).parent!).parent === found.call;
    if (arrayArgument) return { call: found.call, how: () => `it is passed in an array to \`${shortText(found.call!.expression, site.file)}(...)\`` };
    const holder = found.holder ?? (isArrayLiteralExpression(outermostParen(site.expr).parent!) ? 'an array' : 'an object');
    return { call: found.call, how: () => `it is put in ${holder}, ${found.readBack ? 'whose elements are read back and' : 'which is'} ${to}` };
  }

  /**
   * Where the value at `node` (an instance, or an array or object literal, or
   * a variable, holding one) is handed over, if anywhere: a library call, or
   * out of the function (returned) or the module (exported).
   */
  private handOverFrom(node: ts.Node, depth: number): HandOverTarget | undefined {
    if (depth > 10) return undefined;
    const n = outermostParen(node);
    const p = n.parent;
    if (!p) return undefined;
    if ((isCallExpression(p) || isNewExpression(p)) && isArgumentOf(n, p)) return this.callHandOver(p, n, depth);
    if (isSpreadElement(p) || isArrayLiteralExpression(p)) return this.handOverFrom(p, depth + 1);
    // `for (const v of views) lib.mount(v)`: the loop variable holds each element.
    if (isForOfStatement(p) && p.expression === n) {
      const init = p.initializer;
      const decl = isVariableDeclarationList(init) && init.declarations.length === 1 ? init.declarations[0] : undefined;
      return readBack(decl && this.variableHandOver(decl, depth + 1));
    }
    // `lib.mount(views[0])`: an element read back.
    if (isElementAccessExpression(p) && p.expression === n) return readBack(this.handOverFrom(p, depth + 1));
    if (isPropertyAccessExpression(p) && p.expression === n) {
      const call = outermostParen(p).parent;
      if (!call || !isCallExpression(call) || call.expression !== outermostParen(p)) return undefined;
      const method = p.name.text;
      // `views.forEach((v) => lib.mount(v))`: the callback's element parameter holds each element.
      const param = ELEMENT_CALLBACK_METHODS.has(method) ? elementParameter(call, method) : undefined;
      const viaCallback = param && this.variableHandOver(param, depth + 1);
      if (viaCallback) return readBack(viaCallback);
      // `views.filter(f)`, `[a].map(f)`: the result may hold the elements; `views.get(k)`, `views.find(f)`: it is one.
      // Other reads (`views.length`, `views.includes(v)`) hand nothing over.
      if (ELEMENT_READING_METHODS.has(method)) return readBack(this.handOverFrom(call, depth + 1));
      return ARRAY_COPYING_METHODS.has(method) ? this.handOverFrom(call, depth + 1) : undefined;
    }
    if ((isPropertyAssignment(p) && p.initializer === n) || (isShorthandPropertyAssignment(p) && p.name === n)) return this.handOverFrom(p.parent, depth + 1);
    if (isVariableDeclaration(p) && p.initializer === n) return this.variableHandOver(p, depth + 1);
    if (isReturnStatement(p) || (isArrowFunction(p) && p.body === n)) {
      if (n === node && depth === 0) return undefined;
      // `views.map((v) => [v.id, v])`: what the callback returns is an element of the call's result.
      let fn: ts.Node | undefined = p;
      while (fn && !isFunctionLike(fn)) fn = fn.parent;
      const call = fn && outermostParen(fn).parent;
      if (call && isCallExpression(call) && isArgumentOf(outermostParen(fn!), call)) {
        const callee = skipOuter(call.expression);
        if (isPropertyAccessExpression(callee) && ELEMENT_MAPPING_METHODS.has(callee.name.text)) return this.handOverFrom(call, depth + 1);
      }
      return { to: 'returned' };
    }
    if (isExportAssignment(p) || isExportSpecifier(p)) return { to: 'exported' };
    if (isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = skipOuter(p.left);
      if (isExportTarget(left)) return { to: 'exported' };
      // `opts.view = a`, `views[0] = a` on a local array or object.
      if (isPropertyAccessExpression(left) || isElementAccessExpression(left)) {
        const holder = this.localContainer(left.expression);
        if (holder) return this.variableHandOver(holder, depth + 1);
        // `this.current = a`, `this.views[0] = a`: kept on the instance, read back in other members.
        return this.keptOnInstance(left, depth + 1);
      }
      if (isIdentifier(left)) {
        const decl = this.model.lookup(left.text, left);
        return decl && isVariableDeclaration(decl) ? this.variableHandOver(decl, depth + 1) : undefined;
      }
    }
    return undefined;
  }

  /** The hand-over of a value passed to a call: none for the project's and inspecting calls, copies and collections nothing hands over. */
  private callHandOver(call: ts.CallExpression | ts.NewExpression, arg: ts.Node, depth: number): HandOverTarget | undefined {
    const callee = skipOuter(call.expression);
    // `new Map(entries)`, `Object.fromEntries(pairs)`: a built-in collection made from the value, followed where it goes.
    if (this.isCollectionBuilder(callee)) return this.handOverFrom(call, depth + 1);
    if (superConstructorCall(call) || copiesOnto(call, arg as ts.Expression)) return undefined;
    // `super(graph)` of a project base class: its constructor is analysed like any project function.
    if (callee.kind === ts.SyntaxKind.SuperKeyword) {
      let cls: ts.Node | undefined = call.parent;
      while (cls && !isClassLike(cls)) cls = cls.parent;
      const base = cls && baseClassExpression(cls as ts.ClassLikeDeclaration);
      if (base && this.model.moduleExportValue(this.model.valueOf(base))?.kind === 'class') return undefined;
    }
    if (isPropertyAccessExpression(callee) && STORING_METHODS.has(callee.name.text)) {
      // `views.push(a)` on a local array that is itself handed over.
      if (!FILLING_METHODS.has(callee.name.text)) return undefined;
      const holder = this.localContainer(callee.expression);
      // `this.views.push(a)`: a collection kept on the instance, read back in other members.
      return holder ? this.variableHandOver(holder, depth + 1) : this.keptOnInstance(callee.expression, depth + 1, true);
    }
    if (this.callSeesMembers(call)) return undefined;
    return { call, to: '' };
  }

  /** A local variable initialised with an array or object literal or a built-in collection (`new Map()`), when `expr` names one. */
  private localContainer(expr: ts.Expression): ts.VariableDeclaration | undefined {
    const e = skipOuter(expr);
    if (!isIdentifier(e)) return undefined;
    const decl = this.model.lookup(e.text, e);
    if (!decl || !isVariableDeclaration(decl) || !decl.initializer) return undefined;
    const init = skipOuter(decl.initializer);
    if (isArrayLiteralExpression(init) || isObjectLiteralExpression(init)) return decl;
    return (isNewExpression(init) || isCallExpression(init)) && this.isCollectionBuilder(skipOuter(init.expression)) ? decl : undefined;
  }

  /**
   * Where a value kept on `this` goes (`this.current = v`; `this.views.push(v)`
   * or `this.views[0] = v` with `elements`): every read of that member that
   * may be of the same object (`this.views` in the class, its bases and
   * subclasses; `x.views` on any receiver awaitify cannot tell apart; only
   * the class's own code for a private member) is followed like a variable's
   * uses (`for (const v of this.views) lib.mount(v)` hands each element
   * over). What awaitify cannot follow counts as handed over: a member of a
   * member (`this.state.views.push(v)`), a destructuring of the object.
   * Undefined for a receiver that is not `this`.
   */
  private keptOnInstance(target: ts.Expression, depth: number, elements = false): HandOverTarget | undefined {
    let access = skipOuter(target);
    if (isElementAccessExpression(access)) {
      elements = true;
      access = skipOuter(access.expression);
    }
    if (!isPropertyAccessExpression(access) || depth > 10) return undefined;
    const owner = skipOuter(access.expression);
    const self = thisExpression(owner, this.model);
    if (!self) {
      // `this.state.views.push(v)`: kept deeper than awaitify follows.
      return rootedAtThis(owner, this.model) ? { to: 'kept where awaitify does not follow it', holder: `\`${shortText(access, this.model.fileOf(access)!)}\`` } : undefined;
    }
    const ownerValue = this.model.valueOfThis(self);
    if (!ownerValue) return undefined;
    const ownerNode = ownerKey(ownerValue);
    if (!ownerNode) return undefined;
    const name = access.name.text;
    let byName = this.keptMembers.get(ownerNode);
    if (!byName) this.keptMembers.set(ownerNode, (byName = new Map()));
    const key = `${name}|${elements}`;
    if (byName.has(key)) return byName.get(key);
    // A member whose reads are being followed (a cycle) hands nothing over on this path.
    byName.set(key, undefined);
    const found = ts.isPrivateIdentifier(access.name) ? this.privateReadsHandOver(access, ownerValue, depth) : this.memberReadsHandOver(ownerValue, name, depth);
    const result = found && (elements ? readBack(found) : found);
    const held = result && { ...result, holder: found!.holder ?? `\`this.${name}\`` };
    byName.set(key, held);
    return held;
  }

  /** What keptOnInstance found, by the object and the member (with `|elements`). */
  private readonly keptMembers = new Map<ts.Node, Map<string, HandOverTarget | undefined>>();

  /** `this.#views`: only the class body reads it. */
  private privateReadsHandOver(access: ts.PropertyAccessExpression, owner: Value, depth: number): HandOverTarget | undefined {
    let cls: ts.Node | undefined = access.parent;
    while (cls && !isClassLike(cls)) cls = cls.parent;
    if (!cls) return undefined;
    const name = access.name.text;
    let found: HandOverTarget | undefined;
    const visit = (n: ts.Node): void => {
      if (found?.call && !this.serialisingCall(found.call)) return;
      if (isPropertyAccessExpression(n) && ts.isPrivateIdentifier(n.name) && n.name.text === name && !isWrite(n)) {
        const use = this.handOverFrom(n, depth + 1);
        if (use && (!found || !use.call || !this.serialisingCall(use.call))) found = use;
      }
      forEachChild(n, visit);
    };
    visit(cls);
    void owner;
    return found;
  }

  /**
   * The places that may read member `name` of some object, in the order of
   * `files` and then of each file (the order memberReadsHandOver looks at
   * them): a property access `x.name` that is not a plain write, and a
   * destructuring `const { name } = x`. Syntax only, the same for every
   * owner: kept per name for the pass (the same member name is asked about
   * for every class that keeps a value under it).
   */
  private memberReads(name: string): MemberRead[] {
    let reads = this.memberReadsByName.get(name);
    if (reads) return reads;
    reads = [];
    for (const file of this.files) {
      for (const id of identifiersNamed(file.sf, name)) {
        const p = id.parent;
        if (!p) continue;
        if (ts.isBindingElement(p) && (p.propertyName ?? p.name) === id) reads.push({ file, id, binding: p });
        else if (isPropertyAccessExpression(p) && p.name === id && !isWrite(p)) reads.push({ file, id, access: p });
      }
    }
    this.memberReadsByName.set(name, reads);
    return reads;
  }

  private readonly memberReadsByName = new Map<string, MemberRead[]>();

  /** The first read of member `name` of an object like `owner` that hands it over (preferring one that is not `res.json`). */
  private memberReadsHandOver(owner: Value, name: string, depth: number): HandOverTarget | undefined {
    const cls = owner.kind === 'instance' || owner.kind === 'class' ? owner.node : undefined;
    const privateTo = cls && privateMember(cls, name) ? cls : undefined;
    const privateFile = privateTo?.getSourceFile();
    let found: HandOverTarget | undefined;
    for (const { file, id, binding, access: p } of this.memberReads(name)) {
      if (found?.call && !this.serialisingCall(found.call)) return found;
      if (privateTo && (file.sf !== privateFile || id.pos < privateTo.pos || id.end > privateTo.end)) continue;
      // `const { views } = this`: the member leaves in a binding awaitify does not follow.
      if (binding) {
        if (this.mayBeSameObject(bindingSource(binding), owner)) {
          return { to: `destructured at ${file.path}:${file.sf.getLineAndCharacterOfPosition(id.getStart(file.sf)).line + 1}, where awaitify does not follow it`, holder: `\`this.${name}\`` };
        }
        continue;
      }
      // (A write, `this.views = []`, replaces the member and reads nothing back: not listed.)
      if (!p || !this.mayBeSameObject(p.expression, owner)) continue;
      const use = this.handOverFrom(p, depth + 1);
      if (!use || (found && use.call && this.serialisingCall(use.call))) continue;
      const line = file.sf.getLineAndCharacterOfPosition(p.getStart(file.sf)).line + 1;
      found = use.holder || thisExpression(p.expression, this.model) ? use : { ...use, holder: `\`this.${name}\` (read as \`${shortText(p, file)}\` at ${file.path}:${line})` };
    }
    return found;
  }

  /** Whether `expr` may be the object `owner` (an instance of its class, a base or a subclass, or a value awaitify cannot resolve). */
  private mayBeSameObject(expr: ts.Expression | undefined, owner: Value): boolean {
    if (!expr) return false;
    const e = skipOuter(expr);
    // The same expression is asked about for every owner that keeps a member of the same name: its value is kept for the pass
    // (a question asked here, from outside the model, gets the same answer every time).
    let seen = this.objectValues.get(e);
    if (!seen) {
      const at = thisExpression(e, this.model);
      seen = { self: at !== undefined, value: at ? this.model.valueOfThis(at) : this.model.moduleExportValue(this.model.valueOf(e)) };
      this.objectValues.set(e, seen);
    }
    const { self, value: v } = seen;
    if (!v) return !self;
    if (ownerKey(v) === ownerKey(owner)) return true;
    if ((v.kind === 'instance' || v.kind === 'class') && (owner.kind === 'instance' || owner.kind === 'class')) return this.relatedClasses(v.node, owner.node);
    return false;
  }

  /** What an expression is, and whether it names `this` (mayBeSameObject). */
  private readonly objectValues = new Map<ts.Expression, { self: boolean; value: Value | undefined }>();

  private relatedClasses(a: ts.ClassLikeDeclaration, b: ts.ClassLikeDeclaration): boolean {
    return this.basesOf(a).includes(b) || this.basesOf(b).includes(a);
  }

  /** A class and its bases, nearest first (ten at most); kept for the pass, asked again for each pair of classes. */
  private basesOf(cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration[] {
    let out = this.bases.get(cls);
    if (out) return out;
    out = [];
    for (let c: ts.ClassLikeDeclaration | undefined = cls, depth = 0; c && depth < 10; depth++) {
      out.push(c);
      const base = baseClassExpression(c);
      const bv = base && this.model.valueOf(base);
      c = bv?.kind === 'class' ? bv.node : undefined;
    }
    this.bases.set(cls, out);
    return out;
  }

  private readonly bases = new Map<ts.ClassLikeDeclaration, ts.ClassLikeDeclaration[]>();


  /** `Map`, `Set` (and weak ones), `Array.from`, `Object.fromEntries`, ... of the standard library (not a project binding of that name). */
  private isCollectionBuilder(callee: ts.Expression): boolean {
    const root = isPropertyAccessExpression(callee) ? skipOuter(callee.expression) : callee;
    if (!isIdentifier(root) || this.model.lookup(root.text, root)) return false;
    return isPropertyAccessExpression(callee) ? COLLECTION_BUILDERS.has(`${root.text}.${callee.name.text}`) : COLLECTION_BUILDERS.has(root.text);
  }

  /**
   * Where the value of a variable goes: the first use that hands it over
   * (preferring one that is not `res.json`).
   */
  private variableHandOver(decl: ts.VariableDeclaration | ts.ParameterDeclaration, depth: number): HandOverTarget | undefined {
    if (!isIdentifier(decl.name) || depth > 10) return undefined;
    const name = decl.name.text;
    const statement = decl.parent?.parent;
    if (statement && isVariableStatement(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return { to: 'exported', holder: `\`${name}\`` };
    let found: HandOverTarget | undefined;
    // The file's identifiers spelled like the variable, in document order (the order a walk of the file meets them).
    for (const n of identifiersNamed(decl.getSourceFile(), name)) {
      if (found?.call && !this.serialisingCall(found.call)) break;
      if (n !== decl.name && this.model.lookup(name, n) === decl) {
        const use = this.handOverFrom(n, depth + 1);
        if (use && (!found || !use.call || !this.serialisingCall(use.call))) found = use;
      }
    }
    return found ? { ...found, holder: `\`${name}\`` } : undefined;
  }

  /** `res.json(x)`, `res.send(x)`, `reply.send(x)` on a registered handler's parameter: the value is serialised. */
  private serialisingCall(call: ts.CallExpression | ts.NewExpression): boolean {
    const callee = skipOuter(call.expression);
    if (!isPropertyAccessExpression(callee) || !SERIALISING_METHODS.has(callee.name.text)) return false;
    let root: ts.Expression = callee.expression;
    while (isPropertyAccessExpression(root) || isCallExpression(root)) root = skipOuter(root.expression);
    return this.handlerParameter(root);
  }

  /**
   * `return { get, post }` from a factory whose every call is seen and whose
   * result is only read by member (`const c = create(o); app.get('/x', c.get)`,
   * `create(o).get(req, res)`): the model resolves those reads to the members.
   */
  private factoryObjectFollowed(expr: ts.Expression): boolean {
    const factory = this.builder.enclosing(expr);
    if (!factory || factory.module) return false;
    const node = factory.node;
    if (!(isFunctionDeclaration(node) || isFunctionExpression(node) || isArrowFunction(node)) || !node.body) return false;
    const returns = isBlock(node.body) ? ownReturns(node.body) : 0;
    if (returns !== 1 || !expr.parent || !isReturnStatement(expr.parent)) return false;
    const edges = this.edgesInto(factory.id);
    if (edges.length === 0) return false;
    for (const e of edges) {
      const info = this.builder.sites.get(e);
      if (info?.kind !== 'call') return false;
      let n: ts.Node = info.call;
      while (n.parent && isParenthesizedExpression(n.parent)) n = n.parent;
      const p = n.parent;
      if (p && isPropertyAccessExpression(p) && p.expression === n) continue;
      if (!p || !isVariableDeclaration(p) || p.initializer !== n || !this.onlyReadByMember(p)) return false;
    }
    return true;
  }

  /** Whether every use of a variable is `x.name` (its members read, the variable itself never passed on or reassigned). */
  private onlyReadByMember(decl: ts.VariableDeclaration): boolean {
    if (!isIdentifier(decl.name)) return false;
    const name = decl.name.text;
    for (const n of identifiersNamed(decl.getSourceFile(), name)) {
      if (n === decl.name || this.model.lookup(name, n) !== decl) continue;
      const p = n.parent;
      if (!p || !isPropertyAccessExpression(p) || p.expression !== n) return false;
      // `c.get = other` replaces a member.
      if (p.parent && isBinaryExpression(p.parent) && p.parent.left === p) return false;
    }
    return true;
  }

  /** A project function or class (its uses of the object are analysed), or a call that only inspects the object. */
  private callSeesMembers(call: ts.CallExpression | ts.NewExpression): boolean {
    const callee = skipOuter(call.expression);
    if (isCallExpression(call) && this.resolvedCalls.has(call)) return true;
    const v = this.model.moduleExportValue(this.model.valueOf(callee));
    if (v?.kind === 'function' || v?.kind === 'class') return true;
    // `shelf.front().file(note)`: a project method only the type checker resolves (asked only for a receiver the model could not value).
    if (isCallExpression(call) && !v && isPropertyAccessExpression(callee) && this.unvaluedProjectReceiver(callee.expression)) {
      if (!this.askChecker) this.checkerSkipped = true;
      else if (this.checkerCallees(callee.name)) return true;
    }
    // `fn.call(obj)`, `fn.apply(obj, args)`, `fn.bind(obj)` of a project function.
    if (isPropertyAccessExpression(callee) && ['call', 'apply', 'bind'].includes(callee.name.text) && this.model.valueOf(callee.expression)?.kind === 'function') return true;
    let root: ts.Expression = callee;
    while (isPropertyAccessExpression(root) || isCallExpression(root)) root = skipOuter(root.expression);
    if (!isIdentifier(root) || this.model.lookup(root.text, root)) {
      const rv = isIdentifier(root) ? this.model.valueOf(root) : undefined;
      return rv?.kind === 'external' && INSPECTING_CALLEES.has(rv.module);
    }
    if (INSPECTING_CALLEES.has(root.text)) return true;
    return root.text === 'Object' && isPropertyAccessExpression(callee) && INSPECTING_OBJECT_METHODS.has(callee.name.text);
  }

  private handledInside(fn: FunctionInfo, file: FileInfo, start: number, end: number): boolean {
    for (const e of this.edgesInto(fn.id)) {
      if (e.mode === 'stop' || e.site.path !== file.path) continue;
      const info = this.builder.sites.get(e);
      const at = info && info.kind === 'callback' ? e.site : undefined;
      if (!at) continue;
      const pos = file.sf.getPositionOfLineAndCharacter(at.line - 1, at.column - 1);
      if (pos >= start && pos < end) return true;
    }
    return false;
  }

  /** A function stored in an array or on a value awaitify does not know. */
  private functionEscape(site: EscapeSite): void {
    const fn = this.functionValue(site.expr);
    if (!fn) return;
    this.stop(site.expr, site.file, fn, ESCAPING_REFERENCE, `${site.how()}, where awaitify cannot see how it is called`);
  }

  /**
   * `return handler` from a factory: a call of the factory handed straight to
   * other code (`app.use(factory())`) is followed where it is made; a result
   * kept in a variable and called later is not.
   */
  private returnedFunction(expr: ts.Expression, file: FileInfo): void {
    const fn = this.functionValue(expr);
    if (!fn) return;
    const factory = this.builder.enclosing(expr);
    if (!factory || factory.module) return;
    for (const e of this.edgesInto(factory.id)) {
      const info = this.builder.sites.get(e);
      if (info?.kind !== 'call') continue;
      const kept = this.keptResult(info.call, info.file, 0);
      if (!kept) continue;
      const pos = kept.file.sf.getLineAndCharacterOfPosition(kept.call.getStart(kept.file.sf));
      const on = kept.through.length ? `, ${kept.through.map((n) => `\`${n}\``).join(' and then ')} returns that result,` : '';
      this.stop(info.call, info.file, fn, ESCAPING_REFERENCE, `\`${factory.graph.name}\` returns it${on} and the result of the call at ${kept.file.path}:${pos.line + 1} is kept where awaitify cannot see how it is called`);
    }
    void file;
  }

  /**
   * Where a factory's result is kept out of sight (undefined when it goes straight to
   * other code, where the callee's callback handling sees it): an argument of a call, a
   * constant used only as arguments, or the return value of an outer factory
   * (`const setup = (opts) => serve(root, opts)`) each of whose calls hands its result over
   * so. `through` names the outer factories that return it on.
   */
  private keptResult(call: ts.CallExpression, file: FileInfo, depth: number): { call: ts.CallExpression; file: FileInfo; through: string[] } | undefined {
    let n: ts.Node = call;
    while (n.parent && isParenthesizedExpression(n.parent)) n = n.parent;
    const p = n.parent;
    if (p && (isCallExpression(p) || isNewExpression(p)) && isArgumentOf(n, p)) return undefined;
    // `const mw = factory(); app.use(mw)`: the same, through a constant.
    if (p && isVariableDeclaration(p) && p.initializer === n && this.onlyHandedOver(p)) return undefined;
    const returned = p && (isReturnStatement(p) || (isArrowFunction(p) && p.body === n));
    const outer = returned && depth < 3 ? this.builder.enclosing(n) : null;
    const here = { call, file, through: [] as string[] };
    if (!outer || outer.module) return here;
    const calls = this.edgesInto(outer.id).flatMap((e) => {
      const info = this.builder.sites.get(e);
      return info?.kind === 'call' ? [info] : [];
    });
    // An outer factory nobody calls by name may be called where awaitify cannot see.
    if (!calls.length) return here;
    for (const c of calls) {
      const kept = this.keptResult(c.call, c.file, depth + 1);
      if (kept) return { ...kept, through: [outer.graph.name, ...kept.through] };
    }
    return undefined;
  }

  /** Whether every use of a `const` binding is as an argument of a call (where the callee's callback handling sees it). */
  private onlyHandedOver(decl: ts.VariableDeclaration): boolean {
    if (!isIdentifier(decl.name) || !isVariableDeclarationList(decl.parent) || !(decl.parent.flags & ts.NodeFlags.Const)) return false;
    const name = decl.name.text;
    let scope: ts.Node = decl.parent;
    while (scope.parent && !isBlock(scope) && !isSourceFile(scope)) scope = scope.parent;
    let ok = true;
    const visit = (n: ts.Node): void => {
      if (!ok) return;
      if (isIdentifier(n) && n.text === name && n !== decl.name && this.model.lookup(name, n) === decl) {
        let u: ts.Node = n;
        while (u.parent && isParenthesizedExpression(u.parent)) u = u.parent;
        const p = u.parent;
        if (!p || !(isCallExpression(p) || isNewExpression(p)) || !isArgumentOf(u, p)) ok = false;
      }
      forEachChild(n, visit);
    };
    visit(scope);
    return ok;
  }

  /** The graph's edges into a function, indexed once (the edges this pass adds are stops, which no lookup here needs). */
  private edgesInto(id: string): GraphEdge[] {
    if (!this.incoming) {
      this.incoming = new Map();
      for (const e of this.builder.edges) {
        const list = this.incoming.get(e.to);
        if (list) list.push(e);
        else this.incoming.set(e.to, [e]);
      }
    }
    return this.incoming.get(id) ?? [];
  }

  private stop(at: ts.Node, file: FileInfo, to: FunctionInfo, kind: string, reason: string): void {
    const from = this.builder.enclosing(at);
    const key = `${from?.id ?? '<module>'}|${to.id}|${at.getStart(file.sf)}`;
    if (this.added.has(key)) return;
    this.added.add(key);
    this.builder.addEscapeStop(from, to, at, file, kind, reason);
  }
}

function decoratorsOfClass(cls: ts.ClassLikeDeclaration): ts.Decorator[] {
  return (ts.canHaveDecorators(cls) ? ts.getDecorators(cls) : undefined)?.slice() ?? [];
}

/** `this`, or a `const self = this` alias of it. */
function thisExpression(expr: ts.Expression, model: ProjectModel): ts.Node | undefined {
  const e = skipOuter(expr);
  if (e.kind === ts.SyntaxKind.ThisKeyword) return e;
  if (!isIdentifier(e)) return undefined;
  const decl = model.lookup(e.text, e);
  if (decl && isVariableDeclaration(decl) && decl.initializer && skipOuter(decl.initializer).kind === ts.SyntaxKind.ThisKeyword) return skipOuter(decl.initializer);
  return undefined;
}

/** `this.a.b`, `self.a[0]`: a member chain that starts at `this`. */
function rootedAtThis(expr: ts.Expression, model: ProjectModel): boolean {
  let e = skipOuter(expr);
  while (isPropertyAccessExpression(e) || isElementAccessExpression(e)) e = skipOuter(e.expression);
  return thisExpression(e, model) !== undefined;
}

/** `x.views = v`: the member is written, not read. */
function isWrite(access: ts.PropertyAccessExpression): boolean {
  const up = outermostParen(access).parent;
  return Boolean(up && isBinaryExpression(up) && skipOuter(up.left) === access && up.operatorToken.kind === ts.SyntaxKind.EqualsToken);
}

/** A class member TypeScript keeps to the class's own code (`private views`, `#views`, a private parameter property). */
function privateMember(cls: ts.ClassLikeDeclaration, name: string): boolean {
  const isPrivate = (n: ts.Node) => (ts.canHaveModifiers(n) ? (ts.getModifiers(n) ?? []) : []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
  for (const m of cls.members) {
    if (isPropertyDeclaration(m) && propertyNameText(m.name) === name) return isPrivate(m);
    if (isConstructorDeclaration(m)) for (const p of m.parameters) if (isIdentifier(p.name) && p.name.text === name && ts.getModifiers(p)?.length) return isPrivate(p);
  }
  return false;
}

/** What a destructuring pattern takes its properties from: the initializer of `const { a } = x`, or undefined. */
function bindingSource(el: ts.BindingElement): ts.Expression | undefined {
  const pattern = el.parent;
  const decl = pattern.parent;
  return decl && isVariableDeclaration(decl) && decl.name === pattern ? decl.initializer : undefined;
}

/** The non-arrow function whose `this` a `this` expression is. */
function enclosingThisFunction(node: ts.Node): FunctionLike | undefined {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (isArrowFunction(n)) continue;
    if (isFunctionLike(n)) return n;
    if (isClassLike(n) || isSourceFile(n)) return undefined;
  }
  return undefined;
}

/** `Base.call(this, ...)`, `Base.apply(this, args)`: a constructor run on `this`, not a hand-over. */
function superConstructorCall(call: ts.CallExpression | ts.NewExpression): boolean {
  const callee = skipOuter(call.expression);
  return isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply');
}

/** Methods that store a value in a collection (the project reads it back and calls it where the graph sees that). */
const STORING_METHODS = new Set(['push', 'unshift', 'splice', 'concat', 'set', 'add', 'fill', 'includes', 'indexOf', 'lastIndexOf', 'has', 'delete']);

/** Collection methods that put their argument in the collection (`views.push(a)`). */
const FILLING_METHODS = new Set(['push', 'unshift', 'splice', 'fill', 'set', 'add']);

/** Array methods whose result may hold the array's elements (`views.filter(f)`, `views.map(f)`). */
const ARRAY_COPYING_METHODS = new Set(['filter', 'map', 'flatMap', 'slice', 'concat', 'flat', 'reverse', 'sort', 'toSorted', 'toReversed', 'toSpliced', 'with']);
/** Methods of arrays, maps and sets whose result is one of the elements, or iterates over them (`for (const v of views.values())`). */
const ELEMENT_READING_METHODS = new Set(['get', 'at', 'find', 'findLast', 'pop', 'shift', 'values']);
/** Methods of arrays, maps and sets that pass each element to their callback. */
const ELEMENT_CALLBACK_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'find', 'findLast', 'findIndex', 'findLastIndex', 'some', 'every', 'reduce', 'reduceRight']);

/** An element read back out of a collection is what reaches `found`: the message names the collection, not the element's variable. */
function readBack(found: HandOverTarget | undefined): HandOverTarget | undefined {
  return found && { call: found.call, to: found.to, readBack: true };
}

/** The parameter of `views.forEach((v) => ...)`'s callback that receives each element (the second for `reduce`). */
function elementParameter(call: ts.CallExpression, method: string): ts.ParameterDeclaration | undefined {
  const cb = call.arguments[0] && skipOuter(call.arguments[0]);
  if (!cb || !(ts.isArrowFunction(cb) || ts.isFunctionExpression(cb))) return undefined;
  const param = cb.parameters[method === 'reduce' || method === 'reduceRight' ? 1 : 0];
  return param && ts.isIdentifier(param.name) ? param : undefined;
}

/** Standard-library constructors and functions whose result holds their argument's values. */
const COLLECTION_BUILDERS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Array.from', 'Array.of', 'Object.fromEntries', 'Object.values', 'Object.entries', 'Object.freeze']);

/** Array methods whose result holds what their callback returns (`views.map((v) => [v.id, v])`). */
const ELEMENT_MAPPING_METHODS = new Set(['map', 'flatMap']);

/** Response methods that serialise their argument (`res.json(user)`): only `toJSON` of an instance is called. */
const SERIALISING_METHODS = new Set(['json', 'jsonp', 'send']);

/** Functions that copy properties onto their first argument (`Object.assign(this, opts)`, `_.defaults(this, d)`) and call none of its methods. */
const COPYING_METHODS = new Set(['assign', 'assignIn', 'defaults', 'defaultsDeep', 'extend', 'merge', 'defineProperty', 'defineProperties', 'freeze', 'seal']);

function copiesOnto(call: ts.CallExpression | ts.NewExpression, arg: ts.Expression): boolean {
  const callee = skipOuter(call.expression);
  return isPropertyAccessExpression(callee) && COPYING_METHODS.has(callee.name.text) && call.arguments?.[0] === arg;
}

function outermostParen(node: ts.Node): ts.Node {
  let n = node;
  while (n.parent && isParenthesizedExpression(n.parent)) n = n.parent;
  return n;
}

function isArgumentOf(node: ts.Node, call: ts.CallExpression | ts.NewExpression): boolean {
  return (call.arguments ?? []).some((a) => a === node);
}

function isExportsTarget(expr: ts.PropertyAccessExpression | ts.ElementAccessExpression): boolean {
  const obj = skipOuter(expr.expression);
  return isModuleExports(obj) || (isIdentifier(obj) && obj.text === 'exports');
}

function ownerKey(v: Value): ts.Node | undefined {
  if (v.kind === 'object' || v.kind === 'class' || v.kind === 'instance' || v.kind === 'function') return v.node;
  if (v.kind === 'module') return v.file.sf;
  return undefined;
}

function isPackageValue(v: Value): boolean {
  if (v.kind === 'external' || v.kind === 'typed') return true;
  if (v.kind === 'result') return isPackageValue(v.of);
  return false;
}

function hasUnknownSpread(obj: ts.ObjectLiteralExpression, model: ProjectModel): boolean {
  return obj.properties.some((p) => isSpreadAssignment(p) && !model.valueOf(p.expression));
}

/** `await x.m()`, or `return x.m()` from an async function: a promise there changes nothing. */
function resultIsAwaited(call: ts.CallExpression): boolean {
  let n: ts.Node = call;
  while (n.parent && isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (isAwaitExpression(p)) return true;
  const returned = isReturnStatement(p) || (isArrowFunction(p) && p.body === n);
  if (!returned) return false;
  for (let f: ts.Node | undefined = p; f; f = f.parent) {
    if (isFunctionLike(f)) return (ts.getModifiers(f) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
  }
  return false;
}

/**
 * `res` in `res.status(404)` or `res.type('text')`: a method's result on a
 * framework object is the framework's too (Express's chainable response),
 * unless a project function of that name may have been attached to it.
 */
function frameworkChainRoot(receiver: ts.Expression, byName: Map<string, FunctionInfo[]>): ts.Expression {
  let root = receiver;
  while (isCallExpression(root)) {
    const c = skipOuter(root.expression);
    if (!isPropertyAccessExpression(c) || byName.has(c.name.text)) return root;
    root = skipOuter(c.expression);
  }
  return root;
}

/** The member name a function is defined under: a method's name, or the property it is assigned to. */
function ownMemberName(node: FunctionLike): string | undefined {
  if (isMethodDeclaration(node)) return propertyNameText(node.name);
  if (!isFunctionExpression(node) && !isArrowFunction(node)) return undefined;
  let n: ts.Node = node;
  while (n.parent && isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (!p) return undefined;
  if (isPropertyAssignment(p) || isPropertyDeclaration(p)) return propertyNameText(p.name);
  if (isBinaryExpression(p) && p.right === n && isPropertyAccessExpression(p.left)) return p.left.name.text;
  return undefined;
}

/** `c ? (d ? f : g) : h`: the choice the value of an inner one ends in. */
function outermostChoice(node: ts.Expression): ts.Expression {
  let top: ts.Expression = node;
  for (let n: ts.Node = node; n.parent; n = n.parent) {
    const p = n.parent;
    if (isParenthesizedExpression(p) || isAsExpression(p) || isSatisfiesExpression(p) || isNonNullExpression(p)) continue;
    const outer = isExpression(p) ? chosenOperands(p) : undefined;
    if (!outer || !(chosenOperands(top) ?? [top]).every((leaf) => outer.includes(leaf))) break;
    top = p as ts.Expression;
  }
  return top;
}

const FUNCTION_VALUE_KINDS = kindTable([ts.SyntaxKind.ArrowFunction, ts.SyntaxKind.FunctionExpression, ts.SyntaxKind.Identifier, ts.SyntaxKind.PropertyAccessExpression]);

/** Whether SoundnessPass.functionValue can find a function in the expression: only where it is written, named or a member. */
function mayBeFunctionValue(expr: ts.Expression): boolean {
  return FUNCTION_VALUE_KINDS[skipOuter(expr).kind] === true;
}

const STORED_IN_ARRAY = () => 'it is stored in an array';

function shortText(node: ts.Node, file: FileInfo): string {
  const t = node.getText(file.sf).replace(/\s+/g, ' ');
  return t.length > 40 ? t.slice(0, 37) + '...' : t;
}

/**
 * `{ onRequest: [auth, audit] }` in the options a route call receives: the
 * graph registers these hooks like the route's own callbacks.
 */
function isRouteHookList(n: ts.Node): boolean {
  const prop = n.parent;
  if (!prop || !isPropertyAssignment(prop) || prop.initializer !== n) return false;
  const name = isIdentifier(prop.name) || isStringLiteral(prop.name) ? prop.name.text : undefined;
  if (name === undefined || !FASTIFY_REQUEST_HOOKS.has(name)) return false;
  let obj: ts.Node = prop.parent;
  while (obj.parent && isParenthesizedExpression(obj.parent)) obj = obj.parent;
  const call = obj.parent;
  return Boolean(call && isCallExpression(call) && isArgumentOf(obj, call));
}

/**
 * Whether `expr` is the one value an immediately invoked function returns,
 * and that call's result goes to `module.exports` / `exports.x` or initialises
 * a variable (where the model resolves member calls on it).
 */
function isRevealingModuleReturn(expr: ts.Expression): boolean {
  let fn: ts.Node | undefined = expr.parent;
  if (fn && isReturnStatement(fn)) {
    while (fn && !isFunctionLike(fn)) fn = fn.parent;
  }
  if (!fn || !(isFunctionExpression(fn) || isArrowFunction(fn))) return false;
  const returns = isBlock(fn.body) ? ownReturns(fn.body) : fn.body === expr ? 1 : 0;
  if (returns !== 1) return false;
  let callee: ts.Node = fn;
  while (callee.parent && isParenthesizedExpression(callee.parent)) callee = callee.parent;
  const call = callee.parent;
  if (!call || !isCallExpression(call) || call.expression !== callee) return false;
  let n: ts.Node = call;
  while (n.parent && isParenthesizedExpression(n.parent)) n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (isVariableDeclaration(p) && p.initializer === n && isIdentifier(p.name)) return true;
  return isBinaryExpression(p) && p.right === n && p.operatorToken.kind === ts.SyntaxKind.EqualsToken && isExportTarget(skipOuter(p.left));
}

/** The kinds an object site can escape as (after skipOuter): `this`, an object literal, a name, a member, a `new`, a call (the instances a project function returns); objectEscape returns on any other. */
const OBJECT_SITE_KINDS = kindTable([ts.SyntaxKind.ThisKeyword, ts.SyntaxKind.ObjectLiteralExpression, ts.SyntaxKind.Identifier, ts.SyntaxKind.PropertyAccessExpression, ts.SyntaxKind.NewExpression, ts.SyntaxKind.CallExpression]);

function mayEscapeAsObject(expr: ts.Expression): boolean {
  return OBJECT_SITE_KINDS[skipOuter(expr).kind] === true;
}

/** Listed once per function body (syntax alone; kept with the tree): every `return` of a function asks, and every call a factory's result is handed to. */
const OWN_RETURNS = new WeakMap<ts.Block, ts.ReturnStatement[]>();

/** The `return` statements of a function body in document order, not counting nested functions' and classes'. */
function ownReturnStatements(body: ts.Block): ts.ReturnStatement[] {
  let returns = OWN_RETURNS.get(body);
  if (returns) return returns;
  const found: ts.ReturnStatement[] = [];
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(n) || isClassLike(n)) return;
    if (isReturnStatement(n)) found.push(n);
    forEachChild(n, visit);
  };
  forEachChild(body, visit);
  OWN_RETURNS.set(body, (returns = found));
  return returns;
}

/** How many `return` statements a function body has of its own. */
function ownReturns(body: ts.Block): number {
  return ownReturnStatements(body).length;
}

function isExportTarget(left: ts.Expression): boolean {
  return isModuleExports(left) || ((isPropertyAccessExpression(left) || isElementAccessExpression(left)) && isExportsTarget(left));
}

function hasExportModifier(node: ts.FunctionDeclaration): boolean {
  return (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}
