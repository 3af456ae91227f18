// Syntactic scope analysis: which declaration a name resolves to. One walk
// per file builds a table of the names each scope declares; a lookup walks
// the reference's ancestors. No type checker, so it stays cheap on large trees.
import { ts } from 'ts-morph';

export type Declaration = ts.Node;

// Read once: `ts` is a re-export whose members are getters, too slow to touch per node.
const SK = ts.SyntaxKind;
const forEachChild = ts.forEachChild;
const KIND_VARIABLE = SK.VariableDeclaration;
const KIND_PARAMETER = SK.Parameter;
const KIND_IDENTIFIER = SK.Identifier;

const FUNCTION_KINDS = new Set<ts.SyntaxKind>([
  SK.FunctionDeclaration,
  SK.FunctionExpression,
  SK.ArrowFunction,
  SK.MethodDeclaration,
  SK.Constructor,
  SK.GetAccessor,
  SK.SetAccessor,
  SK.ClassStaticBlockDeclaration,
]);

const BLOCK_SCOPE_KINDS = new Set<ts.SyntaxKind>([
  SK.SourceFile,
  SK.Block,
  SK.ModuleBlock,
  SK.CaseBlock,
  SK.ForStatement,
  SK.ForInStatement,
  SK.ForOfStatement,
  SK.CatchClause,
  SK.ClassDeclaration,
  SK.ClassExpression,
  ...FUNCTION_KINDS,
]);

/** Node kinds that declare a name. */
const DECLARING_KINDS = new Set<ts.SyntaxKind>([
  SK.VariableDeclaration,
  SK.Parameter,
  SK.FunctionDeclaration,
  SK.ClassDeclaration,
  SK.EnumDeclaration,
  SK.ModuleDeclaration,
  SK.FunctionExpression,
  SK.ClassExpression,
  SK.ImportClause,
  SK.ImportEqualsDeclaration,
]);

const isBlockScope = (n: ts.Node): boolean => BLOCK_SCOPE_KINDS.has(n.kind);

function isFunctionScope(node: ts.Node): boolean {
  return FUNCTION_KINDS.has(node.kind) || node.kind === SK.SourceFile || node.kind === SK.ModuleBlock;
}

const CACHE = new WeakMap<ts.SourceFile, ScopeIndex>();

export class ScopeIndex {
  private readonly scopes = new Map<ts.Node, Map<string, Declaration>>();
  private readonly byName = new Map<string, Declaration[]>();

  /** The index of a file, built once per parsed file (the tree is immutable). */
  static of(sourceFile: ts.SourceFile): ScopeIndex {
    let index = CACHE.get(sourceFile);
    if (!index) CACHE.set(sourceFile, (index = new ScopeIndex(sourceFile)));
    return index;
  }

  constructor(readonly sourceFile: ts.SourceFile) {
    const visit = (node: ts.Node): void => {
      if (DECLARING_KINDS.has(node.kind)) this.collect(node);
      forEachChild(node, visit);
    };
    visit(sourceFile);
  }

  /** The declaration `name` resolves to from `at`, or undefined for a global (or an undeclared name). */
  resolve(name: string, at: ts.Node): Declaration | undefined {
    for (let node: ts.Node | undefined = at; node; node = node.parent) {
      const declared = this.scopes.get(node)?.get(name);
      if (declared) {
        // A class's or function expression's own name is visible inside it, not beside it.
        return declared;
      }
    }
    return undefined;
  }

  /**
   * Whether some declaration named `name` could bind a module export under
   * another name: an import or destructuring element, or a variable set from
   * an expression (`const rf = require('fs').readFileSync`).
   */
  isImportedName(name: string): boolean {
    return this.declarationsOf(name).some((d) => !ts.isFunctionDeclaration(d) && !ts.isClassDeclaration(d) && !ts.isParameter(d));
  }

  /** Every declaration of `name` anywhere in the file. */
  declarationsOf(name: string): Declaration[] {
    return this.byName.get(name) ?? [];
  }

  private declare(scope: ts.Node | undefined, name: ts.BindingName | ts.Identifier | undefined, decl: Declaration): void {
    if (!scope || !name) return;
    if (ts.isIdentifier(name)) {
      let table = this.scopes.get(scope);
      if (!table) this.scopes.set(scope, (table = new Map()));
      // The first declaration wins: `var x; var x;` and overloads name one binding.
      if (!table.has(name.text)) {
        table.set(name.text, decl);
        const all = this.byName.get(name.text);
        if (all) all.push(decl);
        else this.byName.set(name.text, [decl]);
      }
      return;
    }
    for (const element of name.elements) {
      if (ts.isOmittedExpression(element)) continue;
      this.declare(scope, element.name, element);
    }
  }

  private collect(node: ts.Node): void {
    switch (node.kind) {
      case KIND_VARIABLE: {
        const decl = node as ts.VariableDeclaration;
        const list = decl.parent;
        if (ts.isCatchClause(list)) {
          this.declare(list, decl.name, decl);
          return;
        }
        const isVar = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.BlockScoped) === 0;
        this.declare(isVar ? enclosing(list, isFunctionScope) : enclosing(list, isBlockScope), decl.name, decl);
        return;
      }
      case KIND_PARAMETER: {
        const param = node as ts.ParameterDeclaration;
        this.declare(param.parent, param.name, param);
        return;
      }
      case SK.FunctionDeclaration:
      case SK.ClassDeclaration:
      case SK.EnumDeclaration: {
        const decl = node as ts.FunctionDeclaration | ts.ClassDeclaration | ts.EnumDeclaration;
        this.declare(enclosing(node.parent, isBlockScope), decl.name, decl);
        return;
      }
      case SK.ModuleDeclaration: {
        const decl = node as ts.ModuleDeclaration;
        if (ts.isIdentifier(decl.name)) this.declare(enclosing(node.parent, isBlockScope), decl.name, decl);
        return;
      }
      case SK.FunctionExpression:
      case SK.ClassExpression: {
        const expr = node as ts.FunctionExpression | ts.ClassExpression;
        this.declare(expr, expr.name, expr);
        return;
      }
      case SK.ImportClause: {
        const clause = node as ts.ImportClause;
        if (clause.isTypeOnly) return;
        const scope = enclosing(clause, isFunctionScope);
        this.declare(scope, clause.name, clause);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) this.declare(scope, bindings.name, bindings);
        else if (bindings) for (const spec of bindings.elements) if (!spec.isTypeOnly) this.declare(scope, spec.name, spec);
        return;
      }
      case SK.ImportEqualsDeclaration: {
        const decl = node as ts.ImportEqualsDeclaration;
        if (!decl.isTypeOnly) this.declare(enclosing(decl.parent, isFunctionScope), decl.name, decl);
        return;
      }
      default:
        return;
    }
  }
}

function enclosing(node: ts.Node | undefined, test: (n: ts.Node) => boolean): ts.Node | undefined {
  for (let n = node; n; n = n.parent) if (test(n)) return n;
  return undefined;
}

/**
 * Every identifier that declares or references a binding: the names a new
 * import must not take. Property names after a dot and object keys are left
 * out (`fs.readFile` does not stop a `readFile` import); everything else counts,
 * globals included, so a new binding never shadows one the file uses.
 */
export function collectIdentifierNames(sourceFile: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (node.kind === KIND_IDENTIFIER && !isPropertyNameOnly(node as ts.Identifier)) names.add((node as ts.Identifier).text);
    forEachChild(node, visit);
  };
  visit(sourceFile);
  return names;
}

function isPropertyNameOnly(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (!parent) return false;
  if (ts.isPropertyAccessExpression(parent)) return parent.name === id;
  if (ts.isQualifiedName(parent)) return parent.right === id;
  if (ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent) || ts.isMethodSignature(parent) || ts.isGetAccessor(parent) || ts.isSetAccessor(parent)) {
    return parent.name === id;
  }
  return false;
}
