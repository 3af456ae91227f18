// Class hierarchies: an overriding method, the method it overrides and every
// implementation of one interface method must agree on whether they return a
// promise (TS2416 otherwise, and a caller holding the base type would get a
// promise it does not await). They are linked in the call graph so they
// become async together, or all stay sync with the reason. Interface and
// abstract signatures then promise what the implementations return, and
// `ReturnType<typeof f>` of a function that became async is unwrapped.
// Under `--api twin` a group that must keep its sync forms is twinned as a
// whole: every method gains `fooAsync`, every signature `fooAsync(): Promise<T>`.
import { existsSync, readFileSync } from 'node:fs';
import nodePath from 'node:path';
import { ts } from 'ts-morph';
import type { TextEdit } from '../../core/types.js';
import type { FunctionInfo, GraphBuilder } from './graph.js';
import { baseClassExpression, propertyNameText, type FileInfo, type ProjectModel } from './model.js';

/** A signature without a body (interface member, abstract method) that changes with the methods implementing it. */
export interface LinkedSignature {
  node: ts.MethodSignature | ts.PropertySignature | ts.MethodDeclaration | ts.FunctionTypeNode;
  file: FileInfo;
  /** Ids of the implementations; the signature changes when they become async. */
  implementations: string[];
}

export function linkClassHierarchies(builder: GraphBuilder, model: ProjectModel, files: FileInfo[]): LinkedSignature[] {
  const signatures = new Map<ts.Node, LinkedSignature>();
  /** First implementation seen of each signature: the others are linked to it. */
  const firstOf = new Map<ts.Node, ReturnType<GraphBuilder['fn']>>();
  const signatureFor = (node: LinkedSignature['node'], file: FileInfo): LinkedSignature => {
    let s = signatures.get(node);
    if (!s) signatures.set(node, (s = { node, file, implementations: [] }));
    return s;
  };
  const implement = (sig: LinkedSignature, impl: ReturnType<GraphBuilder['fn']>): void => {
    sig.implementations.push(impl.id);
    const list = builder.implementationsOf.get(sig.node) ?? [];
    list.push(impl);
    builder.implementationsOf.set(sig.node, list);
  };

  for (const file of files) {
    const classes = /\bclass\b/.test(file.text);
    const typed = file.isTypeScript;
    if (!classes && !typed) continue;
    // The graph's walk kept every class and variable declaration, in document order.
    for (const n of builder.syntaxNodes(file)) {
      if (classes && ts.isClassLike(n)) linkClass(n, file);
      if (typed && ts.isVariableDeclaration(n) && n.type && n.initializer) linkTypedValue(n.type, n.initializer, file);
    }
  }
  return [...signatures.values()];

  /**
   * `const load: Loader = (k) => ...` with `type Loader = (k: string) => T`, and
   * `const repo: Repo = { find() { ... } }`: the values implement the type.
   */
  function linkTypedValue(type: ts.TypeNode, init: ts.Expression, file: FileInfo): void {
    if (!ts.isTypeReferenceNode(type) || !ts.isIdentifier(type.typeName) || type.typeArguments) return;
    const decl = resolveTypeDeclaration(type.typeName, file, model);
    if (!decl) return;
    const value = skipParens(init);
    if ((ts.isArrowFunction(value) || ts.isFunctionExpression(value)) && ts.isTypeAliasDeclaration(decl.node) && ts.isFunctionTypeNode(decl.node.type)) {
      const self = builder.fn(value, file);
      implement(signatureFor(decl.node.type, decl.file), self);
      link(decl.node.type, self);
      return;
    }
    if (!ts.isObjectLiteralExpression(value)) return;
    const members = membersOf(decl);
    for (const p of value.properties) {
      const name = propertyNameText(p.name);
      const fn = ts.isMethodDeclaration(p) ? p : ts.isPropertyAssignment(p) && (ts.isArrowFunction(skipParens(p.initializer)) || ts.isFunctionExpression(skipParens(p.initializer))) ? (skipParens(p.initializer) as ts.ArrowFunction) : undefined;
      if (!name || !fn?.body) continue;
      const self = builder.fn(fn, file);
      for (const [sigNode, sigFile] of members.get(name) ?? []) {
        implement(signatureFor(sigNode, sigFile), self);
        link(sigNode, self);
      }
    }
  }

  function linkClass(cls: ts.ClassLikeDeclaration, file: FileInfo): void {
    // Interfaces implemented by the class or any of its bases.
    const interfaces = implementedMembers(cls, file, model);
    for (let base = baseClassOf(cls, model), depth = 0; base && depth < 10; base = baseClassOf(base.node, model), depth++) {
      for (const [name, list] of implementedMembers(base.node, base.file, model)) interfaces.set(name, [...(interfaces.get(name) ?? []), ...list]);
    }
    for (const m of cls.members) {
      if (!ts.isMethodDeclaration(m) || !m.body) continue;
      const name = propertyNameText(m.name);
      if (name === undefined) continue;
      const isStatic = (ts.getModifiers(m) ?? []).some((x) => x.kind === ts.SyntaxKind.StaticKeyword);
      const self = builder.fn(m, file);
      // The nearest base method with a body, and abstract signatures on the way.
      for (let base = baseClassOf(cls, model), depth = 0; base && depth < 10; base = baseClassOf(base.node, model), depth++) {
        const member = base.node.members.find((x) => ts.isMethodDeclaration(x) && propertyNameText(x.name) === name && (ts.getModifiers(x) ?? []).some((k) => k.kind === ts.SyntaxKind.StaticKeyword) === isStatic) as
          | ts.MethodDeclaration
          | undefined;
        if (!member) continue;
        if (member.body) {
          builder.linkHierarchy(self, builder.fn(member, base.file));
          break;
        }
        implement(signatureFor(member, base.file), self);
        link(member, self);
      }
      if (isStatic) continue;
      for (const [sigNode, sigFile] of interfaces.get(name) ?? []) {
        implement(signatureFor(sigNode, sigFile), self);
        link(sigNode, self);
      }
    }
  }

  function link(signature: ts.Node, impl: ReturnType<GraphBuilder['fn']>): void {
    const first = firstOf.get(signature);
    if (first) builder.linkHierarchy(first, impl);
    else firstOf.set(signature, impl);
  }
}

function baseClassOf(cls: ts.ClassLikeDeclaration, model: ProjectModel): { node: ts.ClassLikeDeclaration; file: FileInfo } | undefined {
  const base = baseClassExpression(cls);
  const v = base && model.valueOf(base);
  return v?.kind === 'class' ? { node: v.node, file: v.file } : undefined;
}

type InterfaceMember = ts.MethodSignature | ts.PropertySignature;

function skipParens(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}

/** Function members of one interface or object type alias, by name. */
function membersOf(decl: { node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration; file: FileInfo }): Map<string, [InterfaceMember, FileInfo][]> {
  const out = new Map<string, [InterfaceMember, FileInfo][]>();
  const members = ts.isInterfaceDeclaration(decl.node) ? decl.node.members : ts.isTypeLiteralNode(decl.node.type) ? decl.node.type.members : [];
  for (const m of members) {
    if (!ts.isMethodSignature(m) && !(ts.isPropertySignature(m) && m.type && ts.isFunctionTypeNode(m.type))) continue;
    const name = propertyNameText(m.name);
    if (name !== undefined) out.set(name, [...(out.get(name) ?? []), [m, decl.file]]);
  }
  return out;
}

/** Members of the interfaces (and object type aliases) a class implements, by name, following `extends` of interfaces. */
function implementedMembers(cls: ts.ClassLikeDeclaration, file: FileInfo, model: ProjectModel): Map<string, [InterfaceMember, FileInfo][]> {
  const out = new Map<string, [InterfaceMember, FileInfo][]>();
  const seen = new Set<ts.Node>();
  const add = (decl: { node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration; file: FileInfo } | undefined): void => {
    if (!decl || seen.has(decl.node)) return;
    seen.add(decl.node);
    const members = ts.isInterfaceDeclaration(decl.node) ? decl.node.members : ts.isTypeLiteralNode(decl.node.type) ? decl.node.type.members : [];
    for (const m of members) {
      if (!ts.isMethodSignature(m) && !(ts.isPropertySignature(m) && m.type && ts.isFunctionTypeNode(m.type))) continue;
      const name = propertyNameText(m.name);
      if (name === undefined) continue;
      const list = out.get(name) ?? [];
      list.push([m, decl.file]);
      out.set(name, list);
    }
    if (ts.isInterfaceDeclaration(decl.node)) {
      for (const h of decl.node.heritageClauses ?? []) for (const t of h.types) add(resolveTypeDeclaration(t.expression, decl.file, model));
    }
  };
  for (const h of cls.heritageClauses ?? []) {
    if (h.token !== ts.SyntaxKind.ImplementsKeyword) continue;
    for (const t of h.types) add(resolveTypeDeclaration(t.expression, file, model));
  }
  return out;
}

/** An interface or type alias named by `expr` in `file`: declared there, or imported by name from a project file. */
function resolveTypeDeclaration(expr: ts.Expression, file: FileInfo, model: ProjectModel, depth = 0): { node: ts.InterfaceDeclaration | ts.TypeAliasDeclaration; file: FileInfo } | undefined {
  if (!ts.isIdentifier(expr) || depth > 5) return undefined;
  const name = expr.text;
  for (const st of file.sf.statements) {
    if ((ts.isInterfaceDeclaration(st) || ts.isTypeAliasDeclaration(st)) && st.name.text === name) return { node: st, file };
    if (!ts.isImportDeclaration(st) || !st.importClause?.namedBindings || !ts.isNamedImports(st.importClause.namedBindings) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    for (const el of st.importClause.namedBindings.elements) {
      if (el.name.text !== name) continue;
      const target = model.resolveModule(st.moduleSpecifier.text, file);
      if (!target) return undefined;
      const exported = (el.propertyName ?? el.name).text;
      return resolveTypeDeclaration(ts.factory.createIdentifier(exported), target, model, depth + 1);
    }
  }
  return undefined;
}

/**
 * `T` → `Promise<T>` on a signature's return type; nothing when it has none or promises already,
 * as `Promise<T>`, `PromiseLike<T>` or a union with such a member (`T | Promise<T>`: the contract
 * already takes the promise the async implementation returns).
 */
export function promiseSignatureEdits(sig: LinkedSignature['node'], sf: ts.SourceFile): TextEdit[] {
  const type = ts.isPropertySignature(sig) ? (sig.type && ts.isFunctionTypeNode(sig.type) ? sig.type.type : undefined) : sig.type;
  // A function type alias changes for every value typed with it: those are linked, so they changed too.
  if (!type || isPromiseLike(type)) return [];
  return [
    { start: type.getStart(sf), end: type.getStart(sf), text: 'Promise<' },
    { start: type.getEnd(), end: type.getEnd(), text: '>' },
  ];
}

function isPromiseLike(type: ts.TypeNode): boolean {
  if (ts.isParenthesizedTypeNode(type)) return isPromiseLike(type.type);
  if (ts.isUnionTypeNode(type)) return type.types.some(isPromiseLike);
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && (type.typeName.text === 'Promise' || type.typeName.text === 'PromiseLike');
}

/**
 * `ReturnType<typeof f>` where `f` became async: `Awaited<ReturnType<typeof f>>`,
 * so the type still names the value the code now awaits.
 */
export function returnTypeOfEdits(file: FileInfo, model: ProjectModel, becameAsync: (node: ts.Node) => boolean): { node: ts.TypeReferenceNode; edits: TextEdit[]; name: string }[] {
  if (!file.text.includes('ReturnType')) return [];
  const sf = file.sf;
  const out: { node: ts.TypeReferenceNode; edits: TextEdit[]; name: string }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isTypeReferenceNode(n) && ts.isIdentifier(n.typeName) && n.typeName.text === 'ReturnType' && n.typeArguments?.length === 1 && !isAwaitedWrapped(n)) {
      const arg = n.typeArguments[0]!;
      if (ts.isTypeQueryNode(arg)) {
        const fn = functionOfEntityName(arg.exprName, model);
        if (fn && becameAsync(fn)) {
          out.push({
            node: n,
            name: arg.exprName.getText(sf),
            edits: [
              { start: n.getStart(sf), end: n.getStart(sf), text: 'Awaited<' },
              { start: n.getEnd(), end: n.getEnd(), text: '>' },
            ],
          });
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

function isAwaitedWrapped(n: ts.TypeReferenceNode): boolean {
  const p = n.parent;
  return Boolean(p && ts.isTypeReferenceNode(p) && ts.isIdentifier(p.typeName) && p.typeName.text === 'Awaited');
}

function functionOfEntityName(name: ts.EntityName, model: ProjectModel): ts.Node | undefined {
  if (ts.isIdentifier(name)) {
    const decl = model.lookup(name.text, name);
    const v = decl ? model.valueOfDeclaration(decl) : undefined;
    return v?.kind === 'function' ? v.node : undefined;
  }
  const left = name.left;
  if (!ts.isIdentifier(left)) return undefined;
  const decl = model.lookup(left.text, left);
  const base = decl ? model.valueOfDeclaration(decl) : undefined;
  const v = base ? model.member(base, name.right.text) : undefined;
  return v?.kind === 'function' ? v.node : undefined;
}

/** Methods (and typed values) that must change together, with the signatures they implement. */
export interface HierarchyGroup {
  members: FunctionInfo[];
  signatures: { node: LinkedSignature['node']; file: FileInfo }[];
  /** A method linked to nothing in the project whose class extends or implements something: only what it inherits from outside is checked. */
  solo?: boolean;
}

/** A group of one for a class method that is linked to nothing but whose class has `extends`/`implements`: its base may be outside the project. */
export function soloGroup(info: FunctionInfo): HierarchyGroup | undefined {
  const cls = info.node.parent;
  if (!ts.isMethodDeclaration(info.node) || !cls || !ts.isClassLike(cls) || !cls.heritageClauses?.length) return undefined;
  return { members: [info], signatures: [], solo: true };
}

/** The linked groups by member id: connected through 'hierarchy' edges and shared signatures. */
export function hierarchyGroups(builder: GraphBuilder, model: ProjectModel): Map<string, HierarchyGroup> {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let r = id;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(id, r);
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra, rb);
  };
  for (const e of builder.edges) {
    if (e.from !== null && builder.sites.get(e)?.kind === 'hierarchy') union(e.from, e.to);
  }
  for (const impls of builder.implementationsOf.values()) for (const impl of impls) union(impls[0]!.id, impl.id);
  const byRoot = new Map<string, HierarchyGroup>();
  const out = new Map<string, HierarchyGroup>();
  const groupOf = (id: string): HierarchyGroup => {
    const root = find(id);
    let g = byRoot.get(root);
    if (!g) byRoot.set(root, (g = { members: [], signatures: [] }));
    out.set(id, g);
    return g;
  };
  for (const id of parent.keys()) {
    const g = groupOf(id);
    const info = builder.byId.get(id);
    if (info && !g.members.includes(info)) g.members.push(info);
  }
  for (const [sig, impls] of builder.implementationsOf) {
    const file = model.fileOf(sig);
    if (!file || !impls[0]) continue;
    const g = groupOf(impls[0].id);
    if (!g.signatures.some((s) => s.node === sig)) g.signatures.push({ node: sig as LinkedSignature['node'], file });
  }
  return out;
}

/**
 * Why a group cannot be twinned as a whole, if it cannot: a signature the twin
 * cannot share, a `fooAsync` that exists already, a base class or interface
 * declared outside the project (a package, a .d.ts) that cannot gain the twin,
 * or a class or interface of a published package, which code outside the
 * project may subclass or implement without the twin. A solo group (a method
 * linked to nothing) is only checked for a name clash.
 */
export function twinGroupProblem(group: HierarchyGroup, name: string, model: ProjectModel): string | undefined {
  const twinName = `${name}Async`;
  for (const sig of group.signatures) {
    if (ts.isFunctionTypeNode(sig.node)) {
      const alias = ts.isTypeAliasDeclaration(sig.node.parent) ? sig.node.parent.name.text : 'function type';
      return `it is typed with the function type \`${alias}\`, which an async twin could not share`;
    }
    const container = sig.node.parent;
    const members: readonly ts.Node[] = ts.isInterfaceDeclaration(container) || ts.isTypeLiteralNode(container) ? container.members : ts.isClassLike(container) ? container.members : [];
    if (members.some((m) => (m as ts.TypeElement).name && propertyNameText((m as ts.TypeElement).name as ts.PropertyName) === twinName)) {
      return `\`${containerName(container)}.${twinName}\` exists already`;
    }
  }
  const containers = new Set<ts.Node>();
  for (const sig of group.signatures) containers.add(ts.isTypeLiteralNode(sig.node.parent) ? sig.node.parent.parent : sig.node.parent);
  for (const m of group.members) {
    const cls = m.node.parent;
    if (!ts.isMethodDeclaration(m.node) || !ts.isClassLike(cls)) continue;
    containers.add(cls);
    const isStatic = (ts.getModifiers(m.node) ?? []).some((k) => k.kind === ts.SyntaxKind.StaticKeyword);
    // A `<name>Async` the class declares or inherits from a project base would be overridden by the twin.
    if (cls.members.some((x) => propertyNameText(x.name) === twinName) || model.classMember(cls, twinName, isStatic)) return `\`${containerName(cls)}.${twinName}\` exists already`;
  }
  if (group.solo) return undefined;
  for (const c of containers) {
    const file = model.fileOf(c);
    if (!file || !(ts.isClassLike(c) || ts.isInterfaceDeclaration(c))) continue;
    const outside = outsideHeritage(c, file, model);
    if (outside) return outside;
  }
  const unseen = unseenImplementer(group, name, [...containers], model);
  if (unseen) return unseen;
  for (const c of containers) {
    const file = model.fileOf(c);
    if (!file || !isExported(c, file, model)) continue;
    const pkg = publishedPackage(file);
    if (pkg) return `\`${containerName(c)}\` is exported by the published package \`${pkg}\`, where code outside the project may subclass or implement it without \`${twinName}\``;
  }
  return undefined;
}

/**
 * A base class or interface of a group's class or interface that is declared
 * outside the project (a package, a .d.ts): it may declare the method too, and
 * awaitify can neither see nor give it the twin.
 */
function outsideHeritage(node: ts.ClassLikeDeclaration | ts.InterfaceDeclaration, file: FileInfo, model: ProjectModel): string | undefined {
  for (const h of node.heritageClauses ?? []) {
    for (const t of h.types) {
      const isClassBase = ts.isClassLike(node) && h.token === ts.SyntaxKind.ExtendsKeyword;
      const resolved = isClassBase ? baseClassOf(node, model) : resolveTypeDeclaration(t.expression, file, model);
      if (resolved) continue;
      const name = t.expression.getText(file.sf);
      const spec = importSpecifierOf(t.expression, model);
      return `\`${containerName(node)}\` ${h.token === ts.SyntaxKind.ExtendsKeyword ? 'extends' : 'implements'} \`${name}\`${spec ? ` from '${spec}'` : ''}, which is declared outside the project (a package or a .d.ts file) and cannot gain the twin`;
    }
  }
  return undefined;
}

/**
 * An implementation of a group's interface or object type that is not linked
 * to the group (an object literal passed as an argument, a class whose member
 * is a property): it would not gain the twin the type now requires.
 */
function unseenImplementer(group: HierarchyGroup, name: string, containers: ts.Node[], model: ProjectModel): string | undefined {
  const types = containers.filter((c): c is ts.InterfaceDeclaration | ts.TypeAliasDeclaration => ts.isInterfaceDeclaration(c) || ts.isTypeAliasDeclaration(c));
  if (!types.length) return undefined;
  const linked = new Set<ts.Node>(group.members.map((m) => m.node));
  const names = types.map((t) => t.name.text);
  const isLinked = (fn: ts.Node | undefined) => Boolean(fn && linked.has(fn));
  let checker: ts.TypeChecker | undefined;
  const where = (file: FileInfo, node: ts.Node) => `${file.path}:${file.sf.getLineAndCharacterOfPosition(node.getStart(file.sf)).line + 1}`;
  for (const file of model.files) {
    if (!file.isTypeScript || !names.some((n) => file.text.includes(n))) continue;
    let found: string | undefined;
    const visit = (n: ts.Node): void => {
      if (found) return;
      if (ts.isObjectLiteralExpression(n)) {
        const p = n.properties.find((x) => propertyNameText(x.name) === name);
        const fn = p && (ts.isMethodDeclaration(p) ? p : ts.isPropertyAssignment(p) ? skipParens(p.initializer) : undefined);
        if (p && !isLinked(fn)) {
          checker ??= file.morph.getProject().getProgram().compilerObject.getTypeChecker();
          const type = checker.getContextualType(n);
          const decls = [...(type?.aliasSymbol?.declarations ?? []), ...(type?.getSymbol()?.declarations ?? [])];
          const hit = types.find((t) => decls.includes(t));
          if (hit) found = `the object literal at ${where(file, n)} is a \`${hit.name.text}\` that awaitify does not link to the others, and it would lack \`${name}Async\``;
        }
      } else if (ts.isClassLike(n) && !(ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.AbstractKeyword)) {
        for (const h of n.heritageClauses ?? []) {
          if (h.token !== ts.SyntaxKind.ImplementsKeyword) continue;
          for (const t of h.types) {
            const decl = resolveTypeDeclaration(t.expression, file, model);
            if (!decl || !types.includes(decl.node)) continue;
            const member = model.classMember(n, name, false);
            if (member?.kind !== 'function' || !isLinked(member.node)) found = `\`${containerName(n)}\` implements \`${decl.node.name.text}\` with a \`${name}\` that is not a method awaitify twins (${where(file, n)}), so it would lack \`${name}Async\``;
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(file.sf);
    if (found) return found;
  }
  return undefined;
}

/** The module an identifier (or the left end of `a.b`) is imported or required from. */
function importSpecifierOf(expr: ts.Expression, model: ProjectModel): string | undefined {
  let root = expr;
  while (ts.isPropertyAccessExpression(root)) root = root.expression;
  if (!ts.isIdentifier(root)) return undefined;
  const decl = model.lookup(root.text, root);
  if (!decl) return undefined;
  let n: ts.Node | undefined = decl;
  while (n && !ts.isImportDeclaration(n) && !ts.isVariableDeclaration(n)) n = n.parent;
  if (n && ts.isImportDeclaration(n) && ts.isStringLiteral(n.moduleSpecifier)) return n.moduleSpecifier.text;
  const init = n && ts.isVariableDeclaration(n) && n.initializer ? skipParens(n.initializer) : undefined;
  if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require' && init.arguments[0] && ts.isStringLiteralLike(init.arguments[0])) return init.arguments[0].text;
  return undefined;
}

function containerName(node: ts.Node): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  if (ts.isTypeLiteralNode(node) && ts.isTypeAliasDeclaration(node.parent)) return node.parent.name.text;
  return ts.isTypeLiteralNode(node) ? 'the type' : 'the class';
}

function isExported(node: ts.Node, file: FileInfo, model: ProjectModel): boolean {
  if (ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) return true;
  const name = (node as ts.Node & { name?: ts.Node }).name;
  if (!name || !ts.isIdentifier(name)) return false;
  const ex = model.exportsOf(file);
  return [...ex.named.keys()].includes(name.text) || (ex.cjs !== undefined && new RegExp(`\\b${name.text}\\b`).test(ex.cjs.getText(file.sf)));
}

/**
 * The name of the package a file belongs to when it is published (not private,
 * with an entry point): the nearest package.json, looked for up to the
 * repository root (a directory holding `.git`), also above the run's root.
 */
function publishedPackage(file: FileInfo): string | undefined {
  for (let dir = nodePath.dirname(nodePath.resolve(file.absPath)); ; dir = nodePath.dirname(dir)) {
    let pkg: Record<string, unknown> | undefined;
    try {
      pkg = JSON.parse(readFileSync(nodePath.join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    } catch {
      pkg = undefined;
    }
    if (pkg) {
      if (pkg.private === true) return undefined;
      return ['main', 'module', 'exports', 'types', 'typings'].some((k) => pkg[k] !== undefined) ? String(pkg.name ?? nodePath.basename(dir)) : undefined;
    }
    if (existsSync(nodePath.join(dir, '.git')) || nodePath.dirname(dir) === dir) return undefined;
  }
}

/** The twin signature inserted after a method or property signature: `readAsync(k: string): Promise<T>;`. */
export function twinSignatureEdit(sig: Exclude<LinkedSignature['node'], ts.FunctionTypeNode>, file: FileInfo, twinName: string): TextEdit {
  const sf = file.sf;
  const text = file.text;
  const start = sig.getStart(sf);
  const end = sig.getEnd();
  const parts: TextEdit[] = [{ start: sig.name.getStart(sf), end: sig.name.getEnd(), text: twinName }, ...promiseSignatureEdits(sig, sf)];
  let copy = '';
  let at = start;
  for (const p of parts.sort((a, b) => a.start - b.start)) {
    copy += text.slice(at, p.start) + p.text;
    at = p.end;
  }
  copy += text.slice(at, end);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(lineStart, start);
  const ownLine = /^[ \t]*$/.test(before);
  const separated = /[;,]$/.test(copy);
  return { start: end, end, text: ownLine ? `\n${before}${copy}` : `${separated ? '' : ';'} ${copy}` };
}
