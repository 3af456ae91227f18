// Syntactic scope analysis: which declaration a name resolves to. One walk
// per file builds a table of the names each scope declares; a lookup walks
// the reference's ancestors. No type checker, so it stays cheap on large trees.
import { ts } from 'ts-morph';

export type Declaration = ts.Node;

const FUNCTION_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.FunctionExpression,
  ts.SyntaxKind.ArrowFunction,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.Constructor,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.ClassStaticBlockDeclaration,
]);

const BLOCK_SCOPE_KINDS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.SourceFile,
  ts.SyntaxKind.Block,
  ts.SyntaxKind.ModuleBlock,
  ts.SyntaxKind.CaseBlock,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.ClassExpression,
  ...FUNCTION_KINDS,
]);

function isFunctionScope(node: ts.Node): boolean {
  return FUNCTION_KINDS.has(node.kind) || node.kind === ts.SyntaxKind.SourceFile || node.kind === ts.SyntaxKind.ModuleBlock;
}

export class ScopeIndex {
  private readonly scopes = new Map<ts.Node, Map<string, Declaration>>();

  constructor(readonly sourceFile: ts.SourceFile) {
    const visit = (node: ts.Node): void => {
      this.collect(node);
      ts.forEachChild(node, visit);
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

  /** Every declaration of `name` anywhere in the file. */
  declarationsOf(name: string): Declaration[] {
    const out: Declaration[] = [];
    for (const table of this.scopes.values()) {
      const d = table.get(name);
      if (d) out.push(d);
    }
    return out;
  }

  private declare(scope: ts.Node | undefined, name: ts.BindingName | ts.Identifier | undefined, decl: Declaration): void {
    if (!scope || !name) return;
    if (ts.isIdentifier(name)) {
      let table = this.scopes.get(scope);
      if (!table) this.scopes.set(scope, (table = new Map()));
      // The first declaration wins: `var x; var x;` and overloads name one binding.
      if (!table.has(name.text)) table.set(name.text, decl);
      return;
    }
    for (const element of name.elements) {
      if (ts.isOmittedExpression(element)) continue;
      this.declare(scope, element.name, element);
    }
  }

  private collect(node: ts.Node): void {
    switch (node.kind) {
      case ts.SyntaxKind.VariableDeclaration: {
        const decl = node as ts.VariableDeclaration;
        const list = decl.parent;
        if (ts.isCatchClause(list)) {
          this.declare(list, decl.name, decl);
          return;
        }
        const isVar = ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.BlockScoped) === 0;
        this.declare(isVar ? enclosing(list, isFunctionScope) : enclosing(list, (n) => BLOCK_SCOPE_KINDS.has(n.kind)), decl.name, decl);
        return;
      }
      case ts.SyntaxKind.Parameter: {
        const param = node as ts.ParameterDeclaration;
        this.declare(param.parent, param.name, param);
        return;
      }
      case ts.SyntaxKind.FunctionDeclaration:
      case ts.SyntaxKind.ClassDeclaration:
      case ts.SyntaxKind.EnumDeclaration: {
        const decl = node as ts.FunctionDeclaration | ts.ClassDeclaration | ts.EnumDeclaration;
        this.declare(enclosing(node.parent, (n) => BLOCK_SCOPE_KINDS.has(n.kind)), decl.name, decl);
        return;
      }
      case ts.SyntaxKind.ModuleDeclaration: {
        const decl = node as ts.ModuleDeclaration;
        if (ts.isIdentifier(decl.name)) this.declare(enclosing(node.parent, (n) => BLOCK_SCOPE_KINDS.has(n.kind)), decl.name, decl);
        return;
      }
      case ts.SyntaxKind.FunctionExpression:
      case ts.SyntaxKind.ClassExpression: {
        const expr = node as ts.FunctionExpression | ts.ClassExpression;
        this.declare(expr, expr.name, expr);
        return;
      }
      case ts.SyntaxKind.ImportClause: {
        const clause = node as ts.ImportClause;
        if (clause.isTypeOnly) return;
        const scope = enclosing(clause, isFunctionScope);
        this.declare(scope, clause.name, clause);
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) this.declare(scope, bindings.name, bindings);
        else if (bindings) for (const spec of bindings.elements) if (!spec.isTypeOnly) this.declare(scope, spec.name, spec);
        return;
      }
      case ts.SyntaxKind.ImportEqualsDeclaration: {
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
    if (ts.isIdentifier(node) && !isPropertyNameOnly(node)) names.add(node.text);
    ts.forEachChild(node, visit);
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
