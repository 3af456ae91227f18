// Class hierarchies: an overriding method, the method it overrides and every
// implementation of one interface method must agree on whether they return a
// promise (TS2416 otherwise, and a caller holding the base type would get a
// promise it does not await). They are linked in the call graph so they
// become async together, or all stay sync with the reason. Interface and
// abstract signatures then promise what the implementations return, and
// `ReturnType<typeof f>` of a function that became async is unwrapped.
import { ts } from 'ts-morph';
import type { TextEdit } from '../core/types.js';
import type { GraphBuilder } from './graph.js';
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
    const visit = (n: ts.Node): void => {
      if (classes && ts.isClassLike(n)) linkClass(n, file);
      if (typed && ts.isVariableDeclaration(n) && n.type && n.initializer) linkTypedValue(n.type, n.initializer, file);
      ts.forEachChild(n, visit);
    };
    visit(file.sf);
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

/** `T` → `Promise<T>` on a signature's return type; nothing when it has none or promises already. */
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
