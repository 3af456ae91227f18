// Imports the migration left unused: `import { readFileSync } from 'fs'`,
// `const { execSync, exec } = require('child_process')` or `const fs =
// require('fs')` once every call through them became an async API imported
// under another name. Only a binding that had a use in the original text and
// has none in the migrated text goes, so an import that was already unused,
// a side-effect import and anything exported stay. The decision is the
// Python adapter's (uses before vs after the rewrite); here it runs on the
// migrated text itself, so the edits are exact whatever the rewrites did.
import { ts } from 'ts-morph';
import type { TextEdit } from '../core/types.js';
import { ScopeIndex } from './blocking/scope.js';
import { requiredModule, scriptKindFor, stripNodePrefix } from './imports.js';

/** One binding an import-like statement creates. */
interface ImportBinding {
  /** The node ScopeIndex knows the binding by (references resolve to it). */
  declaration: ts.Node;
  local: string;
  /** Identity across the original and the migrated text: local, module and what of the module it binds. */
  key: string;
}

/**
 * Edits (against `output`) removing the import and `require` bindings whose
 * last use the migration removed: used in `original`, unused in `output`.
 */
export function cleanupUnusedImports(path: string, original: string, output: string): TextEdit[] {
  if (original === output) return [];
  const after = parse(path, output);
  const candidates = importBindings(after);
  if (!candidates.length) return [];
  const afterUses = countUses(after, candidates);
  const unusedNow = candidates.filter((b) => !afterUses.get(b.declaration));
  if (!unusedNow.length) return [];

  // Only now is the original worth parsing: something is unused after the rewrite.
  const before = parse(path, original);
  const earlier = importBindings(before);
  const beforeUses = countUses(before, earlier);
  const earlierByKey = uniqueByKey(earlier);
  const laterByKey = uniqueByKey(candidates);
  const removable = unusedNow.filter((b) => {
    if (laterByKey.get(b.key) !== b) return false;
    const was = earlierByKey.get(b.key);
    return was !== undefined && (beforeUses.get(was.declaration) ?? 0) > 0;
  });
  if (!removable.length) return [];
  return removalEdits(after, new Set(removable.map((b) => b.declaration)));
}

function parse(path: string, text: string): ts.SourceFile {
  return ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKindFor(path));
}

/** Bindings seen once (a key seen twice cannot be matched across the texts). */
function uniqueByKey(bindings: ImportBinding[]): Map<string, ImportBinding | undefined> {
  const out = new Map<string, ImportBinding | undefined>();
  for (const b of bindings) out.set(b.key, out.has(b.key) ? undefined : b);
  return out;
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === kind);
}

function skipParens(expr: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(expr)) expr = expr.expression;
  return expr;
}

/** `require('m')` or `require('m').a.b`: the module and the property path ('' for the module itself). */
function requireSource(init: ts.Expression): { module: string; path: string } | undefined {
  const props: string[] = [];
  let expr = skipParens(init);
  while (ts.isPropertyAccessExpression(expr)) {
    props.unshift(expr.name.text);
    expr = skipParens(expr.expression);
  }
  const module = requiredModule(expr);
  return module === undefined ? undefined : { module, path: props.join('.') };
}

/**
 * The bindings of `import` declarations, `import x = require()` and
 * `const|let|var ... = require(...)` statements (at any depth, since lazy
 * requires inside functions are common). Exported statements, type-only
 * imports, side-effect imports and patterns with a rest element (removing a
 * property would change what the rest holds) give none.
 */
function importBindings(sf: ts.SourceFile): ImportBinding[] {
  const out: ImportBinding[] = [];
  const add = (declaration: ts.Node, local: string, module: string, what: string): void => {
    out.push({ declaration, local, key: `${local}\0${stripNodePrefix(module)}\0${what}` });
  };
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt)) {
      const clause = stmt.importClause;
      if (!clause || clause.isTypeOnly || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
      const module = stmt.moduleSpecifier.text;
      if (clause.name) add(clause, clause.name.text, module, 'default');
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) add(bindings, bindings.name.text, module, '*');
      else if (bindings) {
        for (const spec of bindings.elements) if (!spec.isTypeOnly) add(spec, spec.name.text, module, `.${(spec.propertyName ?? spec.name).text}`);
      }
    } else if (ts.isImportEqualsDeclaration(stmt)) {
      const ref = stmt.moduleReference;
      if (stmt.isTypeOnly || hasModifier(stmt, ts.SyntaxKind.ExportKeyword) || !ts.isExternalModuleReference(ref) || !ts.isStringLiteral(ref.expression)) continue;
      add(stmt, stmt.name.text, ref.expression.text, '=');
    }
  }
  const visit = (node: ts.Node): void => {
    // Only statements in a statement list: removing `if (x) var fs = require('fs');` would leave `if (x)` bare.
    if (ts.isVariableStatement(node) && inStatementList(node) && !hasModifier(node, ts.SyntaxKind.ExportKeyword) && !hasModifier(node, ts.SyntaxKind.DeclareKeyword)) {
      for (const decl of node.declarationList.declarations) {
        const source = decl.initializer && requireSource(decl.initializer);
        if (!source) continue;
        if (ts.isIdentifier(decl.name)) add(decl, decl.name.text, source.module, `=${source.path}`);
        else if (ts.isObjectBindingPattern(decl.name) && !decl.name.elements.some((e) => e.dotDotDotToken)) {
          for (const el of decl.name.elements) {
            if (!ts.isIdentifier(el.name)) continue;
            const prop = el.propertyName ? (ts.isIdentifier(el.propertyName) || ts.isStringLiteral(el.propertyName) ? el.propertyName.text : undefined) : el.name.text;
            // A computed key may have effects of its own: left alone.
            if (prop === undefined) continue;
            add(el, el.name.text, source.module, `=${source.path}.${prop}`);
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function inStatementList(stmt: ts.Statement): boolean {
  const parent = stmt.parent;
  return ts.isSourceFile(parent) || ts.isBlock(parent) || ts.isModuleBlock(parent) || ts.isCaseClause(parent) || ts.isDefaultClause(parent);
}

/** Uses of each binding: identifiers in reference positions (code or types) that resolve to it. */
function countUses(sf: ts.SourceFile, bindings: ImportBinding[]): Map<ts.Node, number> {
  const counts = new Map<ts.Node, number>();
  if (!bindings.length) return counts;
  const names = new Set(bindings.map((b) => b.local));
  const declarations = new Set(bindings.map((b) => b.declaration));
  const scopes = ScopeIndex.of(sf);
  const use = (name: string, at: ts.Node): void => {
    const target = scopes.resolve(name, at);
    if (target && declarations.has(target)) counts.set(target, (counts.get(target) ?? 0) + 1);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) {
      if (names.has(node.text) && isReference(node)) use(node.text, node);
      return;
    }
    // The classic JSX runtime compiles every element to `React.createElement`: JSX uses `React`.
    if (names.has('React') && (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningFragment(node))) use('React', node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return counts;
}

/** Whether an identifier reads (or writes) a binding, rather than naming a declaration, a property or a label. */
function isReference(id: ts.Identifier): boolean {
  const parent = id.parent;
  if (!parent) return false;
  // `{ fs }` and `export { fs }` / `export { fs as files }` name the local.
  if (ts.isShorthandPropertyAssignment(parent)) return parent.name === id;
  if (ts.isExportSpecifier(parent)) {
    if (parent.parent.parent.moduleSpecifier) return false;
    return (parent.propertyName ?? parent.name) === id;
  }
  if (ts.isQualifiedName(parent)) return parent.left === id;
  if (ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  if ((ts.isJsxOpeningElement(parent) || ts.isJsxSelfClosingElement(parent) || ts.isJsxClosingElement(parent)) && parent.tagName === id) return !/^[a-z]/.test(id.text);
  // Every other node that has a `name` or `propertyName` declares it or names a property (`a.fs`, `{ fs: 1 }`, `{ fs: x } = o`).
  const named = parent as { name?: ts.Node; propertyName?: ts.Node };
  return named.name !== id && named.propertyName !== id;
}

// ---- edits ------------------------------------------------------------------

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The start of the next line (the end of the text on the last line). */
function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

function isBlankLine(text: string, start: number): boolean {
  return start < text.length && /^[ \t]*\r?$/.test(text.slice(start, nextLineStart(text, start)).replace(/\n$/, ''));
}

/** Past whitespace and comments on the same line (a line comment counts as the rest of the line). */
function skipInlineTrivia(text: string, pos: number): number {
  for (;;) {
    const m = /^[ \t]*(\/\*[^\n]*?\*\/)?/.exec(text.slice(pos, pos + 200))!;
    if (!m[0].length) break;
    pos += m[0].length;
  }
  return pos;
}

/**
 * Edits removing the given bindings: the statement whole when none of its
 * bindings is left, else just the names (with their commas).
 */
function removalEdits(sf: ts.SourceFile, remove: Set<ts.Node>): TextEdit[] {
  const text = sf.text;
  const statementRanges: { start: number; end: number }[] = [];
  const edits: TextEdit[] = [];
  const statements = new Set<ts.Statement>();
  for (const node of remove) {
    let s: ts.Node = node;
    while (!ts.isImportDeclaration(s) && !ts.isImportEqualsDeclaration(s) && !ts.isVariableStatement(s)) s = s.parent;
    statements.add(s as ts.Statement);
  }
  for (const stmt of statements) {
    const gone = (n: ts.Node | undefined) => n !== undefined && remove.has(n);
    if (ts.isImportEqualsDeclaration(stmt)) {
      statementRanges.push(statementRange(sf, stmt));
    } else if (ts.isImportDeclaration(stmt)) {
      const clause = stmt.importClause!;
      const bindings = clause.namedBindings;
      const named = bindings && ts.isNamedImports(bindings) ? bindings.elements : undefined;
      const keptNamed = named ? named.filter((s) => !gone(s)) : [];
      const keepDefault = clause.name !== undefined && !gone(clause);
      // A named list that loses every name goes whole (`import a, {} from` is legal but noise).
      const keepBindings = bindings !== undefined && (ts.isNamespaceImport(bindings) ? !gone(bindings) : keptNamed.length > 0);
      if (!keepDefault && !keepBindings) statementRanges.push(statementRange(sf, stmt));
      else if (!keepBindings) edits.push({ start: clause.name!.end, end: bindings!.end, text: '' }); // `import a, { b }` → `import a`
      else if (!keepDefault && clause.name) edits.push({ start: clause.name.getStart(sf), end: bindings!.getStart(sf), text: '' }); // `import a, { b }` → `import { b }`
      if (keepBindings && named) edits.push(...listRemovals(sf, named, gone));
    } else if (ts.isVariableStatement(stmt)) {
      const declarations = stmt.declarationList.declarations;
      const goneDecl = (d: ts.VariableDeclaration): boolean =>
        gone(d) || (ts.isObjectBindingPattern(d.name) && d.name.elements.length > 0 && d.name.elements.every((e) => gone(e)));
      if (declarations.every(goneDecl)) {
        statementRanges.push(statementRange(sf, stmt));
        continue;
      }
      edits.push(...listRemovals(sf, declarations, goneDecl));
      for (const d of declarations) {
        if (!goneDecl(d) && ts.isObjectBindingPattern(d.name)) edits.push(...listRemovals(sf, d.name.elements, gone));
      }
    }
  }
  return [...edits, ...wholeLineRemovals(text, statementRanges)];
}

/** A statement's range: its whole line(s) when it is alone on them (a trailing comment goes with it), else just its text. */
function statementRange(sf: ts.SourceFile, stmt: ts.Statement): { start: number; end: number } {
  const text = sf.text;
  const start = stmt.getStart(sf);
  const from = lineStart(text, start);
  const afterStmt = skipInlineTrivia(text, stmt.end);
  const restOfLine = text.slice(afterStmt, nextLineStart(text, afterStmt));
  if (text.slice(from, start).trim() === '' && /^(\/\/[^\n]*)?\r?\n?$/.test(restOfLine)) return { start: from, end: nextLineStart(text, afterStmt) };
  // Shares its line with other code: the statement and the spaces between it and that code.
  if (/^[ \t]*\r?(\n|$)/.test(text.slice(stmt.end))) return { start: start - /[ \t]*$/.exec(text.slice(from, start))![0].length, end: stmt.end };
  return { start, end: /^[ \t]*/.exec(text.slice(stmt.end))![0].length + stmt.end };
}

/**
 * Merges adjacent removals; a removal of whole lines that would leave two
 * blank lines together (or a blank line at the top of the file) takes one of
 * them along.
 */
function wholeLineRemovals(text: string, ranges: { start: number; end: number }[]): TextEdit[] {
  ranges.sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  for (const r of merged) {
    const wholeLines = r.start === lineStart(text, r.start) && (r.end === text.length || text[r.end - 1] === '\n');
    if (!wholeLines) continue;
    const blankBefore = r.start === 0 || isBlankLine(text, lineStart(text, r.start - 1));
    if (blankBefore && isBlankLine(text, r.end)) r.end = nextLineStart(text, r.end);
    else if (r.end === text.length && r.start > 0 && blankBefore) {
      // The last lines of the file went: the blank line before them goes too.
      r.start = lineStart(text, r.start - 1);
    }
  }
  return merged.map((r) => ({ start: r.start, end: r.end, text: '' }));
}

/**
 * Removes elements from a comma-separated list, keeping its layout: a run of
 * removed elements goes with the comma after it when a kept element follows
 * (whole lines when each element has its own), else with the comma before it.
 */
function listRemovals<T extends ts.Node>(sf: ts.SourceFile, list: ts.NodeArray<T>, gone: (n: T) => boolean): TextEdit[] {
  const text = sf.text;
  const edits: TextEdit[] = [];
  for (let i = 0; i < list.length; ) {
    if (!gone(list[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < list.length && gone(list[j + 1])) j++;
    const first = list[i];
    const last = list[j];
    const next = list[j + 1];
    const prev = list[i - 1];
    const firstStart = first.getStart(sf);
    // The run's own lines, through its last comma and a trailing comment, when nothing else shares them.
    const lines = ownLines(text, firstStart, last.end, next ? next.getStart(sf) : undefined);
    if (next) {
      edits.push(lines ?? { start: firstStart, end: next.getStart(sf), text: '' });
    } else {
      // The list's last elements (never all of them: callers remove the whole list then).
      if (lines && prev && lineStart(text, firstStart) > prev.end) {
        edits.push(lines);
        // Without a trailing comma the comma after the new last element goes too.
        if (!list.hasTrailingComma) {
          const comma = text.indexOf(',', prev.end);
          edits.push({ start: prev.end, end: comma + 1, text: '' });
        }
      } else edits.push({ start: prev.end, end: last.end, text: '' });
    }
    i = j + 1;
  }
  return edits;
}

/** The whole lines from `start`'s line through the line `end` is on (with a comma after it), when only whitespace, that comma and a comment share them. */
function ownLines(text: string, start: number, end: number, nextStart: number | undefined): TextEdit | undefined {
  if (text.slice(lineStart(text, start), start).trim() !== '') return undefined;
  let pos = skipInlineTrivia(text, end);
  if (text[pos] === ',') pos = skipInlineTrivia(text, pos + 1);
  const lineEnd = nextLineStart(text, pos);
  if (!/^(\/\/[^\n]*)?\r?\n$/.test(text.slice(pos, lineEnd))) return undefined;
  if (nextStart !== undefined && nextStart < lineEnd) return undefined;
  return { start: lineStart(text, start), end: lineEnd, text: '' };
}
