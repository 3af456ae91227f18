// Which module export a call reaches, by following the binding of its callee
// (imports, requires, destructuring, aliases), never by its name alone.
import { ts } from 'ts-morph';
import { requiredModule, stripNodePrefix } from '../imports.js';
import type { Declaration, ScopeIndex } from './scope.js';

/** What a name is bound to: a whole module, or one export of it. */
export interface ModuleBinding {
  module: string;
  /** Undefined for the module object itself. */
  name?: string;
}

function skipParens(expr: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr)) expr = expr.expression;
  return expr;
}

/** The module binding a declaration introduces, if it is an import or `require` of a module. */
export function bindingOfDeclaration(decl: Declaration): ModuleBinding | undefined {
  if (ts.isImportSpecifier(decl)) {
    const importDecl = decl.parent.parent.parent;
    if (!ts.isStringLiteral(importDecl.moduleSpecifier)) return undefined;
    const name = (decl.propertyName ?? decl.name).text;
    return normalize(importDecl.moduleSpecifier.text, name === 'default' ? undefined : name);
  }
  if (ts.isImportClause(decl)) {
    // A default import of a CommonJS module (every core module) is its module.exports.
    return ts.isStringLiteral(decl.parent.moduleSpecifier) ? normalize(decl.parent.moduleSpecifier.text, undefined) : undefined;
  }
  if (ts.isNamespaceImport(decl)) {
    const importDecl = decl.parent.parent;
    return ts.isStringLiteral(importDecl.moduleSpecifier) ? normalize(importDecl.moduleSpecifier.text, undefined) : undefined;
  }
  if (ts.isImportEqualsDeclaration(decl)) {
    const ref = decl.moduleReference;
    return ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression) ? normalize(ref.expression.text, undefined) : undefined;
  }
  if (ts.isVariableDeclaration(decl) && ts.isIdentifier(decl.name) && decl.initializer) {
    return bindingOfExpression(decl.initializer);
  }
  if (ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent) && !decl.dotDotDotToken) {
    const holder = decl.parent.parent;
    if (!ts.isVariableDeclaration(holder) || !holder.initializer) return undefined;
    const source = bindingOfExpression(holder.initializer);
    if (!source || source.name !== undefined) return undefined;
    const prop = decl.propertyName ?? decl.name;
    const name = ts.isIdentifier(prop) || ts.isStringLiteral(prop) ? prop.text : undefined;
    return name === undefined ? undefined : normalize(source.module, name);
  }
  return undefined;
}

/** `require('m')` and `require('m').name` (plus `.promises` of fs, which is fs/promises). */
function bindingOfExpression(expr: ts.Expression): ModuleBinding | undefined {
  expr = skipParens(expr);
  const module = requiredModule(expr);
  if (module !== undefined) return { module };
  if (ts.isPropertyAccessExpression(expr)) {
    const inner = requiredModule(skipParens(expr.expression));
    if (inner !== undefined) return normalize(inner, expr.name.text);
  }
  return undefined;
}

function normalize(spec: string, name: string | undefined): ModuleBinding {
  const module = stripNodePrefix(spec);
  if (module === 'fs' && name === 'promises') return { module: 'fs/promises' };
  return name === undefined ? { module } : { module, name };
}

/** The binding an identifier resolves to, or 'global' when nothing in the file declares it. */
export function resolveIdentifier(id: ts.Identifier, scopes: ScopeIndex): ModuleBinding | 'global' | undefined {
  const decl = scopes.resolve(id.text, id);
  if (!decl) return 'global';
  return bindingOfDeclaration(decl);
}

/**
 * The module export a callee expression denotes: `readFileSync` (a named
 * import or destructured require), `fs.readFileSync` / `fs['readFileSync']`
 * (a namespace, default import or require), `require('fs').readFileSync`.
 * Globals are reported as module '<global>' with the dotted name (`Atomics.wait`).
 */
export function calleeExport(callee: ts.Expression, scopes: ScopeIndex): ModuleBinding | undefined {
  callee = skipParens(callee);
  if (ts.isIdentifier(callee)) {
    const b = resolveIdentifier(callee, scopes);
    return b === 'global' || !b || b.name === undefined ? undefined : b;
  }
  let objectExpr: ts.Expression;
  let member: string;
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.name)) {
    objectExpr = skipParens(callee.expression);
    member = callee.name.text;
  } else if (ts.isElementAccessExpression(callee) && ts.isStringLiteralLike(callee.argumentExpression)) {
    objectExpr = skipParens(callee.expression);
    member = callee.argumentExpression.text;
  } else return undefined;

  if (ts.isIdentifier(objectExpr)) {
    const b = resolveIdentifier(objectExpr, scopes);
    if (b === 'global') return { module: '<global>', name: `${objectExpr.text}.${member}` };
    if (!b || b.name !== undefined) return undefined;
    return normalize(b.module, member);
  }
  const direct = bindingOfExpression(objectExpr);
  if (direct && direct.name === undefined) return normalize(direct.module, member);
  return undefined;
}
