// Imports for JS/TS rewrites: choosing local names (reusing what the file
// already imports), and rendering the imports a file still needs once, in the
// file's own style (ESM or CommonJS, `node:` prefix, quotes, semicolons).
import { ts } from 'ts-morph';
import type { SourceFile } from 'ts-morph';
import type { ImportRequest, TextEdit } from '../core/types.js';
import { collectIdentifierNames, ScopeIndex } from './blocking/scope.js';

/** Node's core modules without the `node:` prefix, for the prefix-style check. */
const CORE_MODULES = new Set([
  'assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto', 'dgram', 'diagnostics_channel', 'dns',
  'domain', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https', 'inspector', 'module', 'net', 'os', 'path', 'perf_hooks', 'process',
  'punycode', 'querystring', 'readline', 'readline/promises', 'repl', 'stream', 'stream/promises', 'string_decoder', 'timers',
  'timers/promises', 'tls', 'trace_events', 'tty', 'url', 'util', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib', 'dns/promises',
  'assert/strict', 'path/posix', 'path/win32', 'util/types', 'stream/web', 'test', 'sqlite',
]);

export function stripNodePrefix(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

/** An existing top-level binding of a module or one of its exports. */
interface ExistingBinding {
  module: string;
  /** Export name, or undefined for the whole module (namespace, default import of a core module, `require('m')`). */
  name?: string;
  local: string;
}

/** Top-level import/require bindings of a file, `node:` stripped; `fs`'s `promises` export counts as `fs/promises`. */
function existingBindings(sf: ts.SourceFile): ExistingBinding[] {
  const out: ExistingBinding[] = [];
  const add = (module: string, name: string | undefined, local: string): void => {
    if (module === 'fs' && name === 'promises') out.push({ module: 'fs/promises', local });
    else if (name === 'default') out.push({ module, local });
    else out.push({ module, name, local });
  };
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt)) {
      const clause = stmt.importClause;
      if (!clause || clause.isTypeOnly || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
      const module = stripNodePrefix(stmt.moduleSpecifier.text);
      if (clause.name) add(module, undefined, clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) add(module, undefined, bindings.name.text);
      else if (bindings) {
        for (const spec of bindings.elements) {
          if (spec.isTypeOnly) continue;
          add(module, (spec.propertyName ?? spec.name).text, spec.name.text);
        }
      }
    } else if (ts.isImportEqualsDeclaration(stmt)) {
      const ref = stmt.moduleReference;
      if (!stmt.isTypeOnly && ts.isExternalModuleReference(ref) && ts.isStringLiteral(ref.expression)) add(stripNodePrefix(ref.expression.text), undefined, stmt.name.text);
    } else if (ts.isVariableStatement(stmt)) {
      for (const decl of stmt.declarationList.declarations) {
        const init = decl.initializer && skipParens(decl.initializer);
        if (!init) continue;
        const direct = requiredModule(init);
        if (direct !== undefined) {
          if (ts.isIdentifier(decl.name)) add(direct, undefined, decl.name.text);
          else if (ts.isObjectBindingPattern(decl.name)) {
            for (const el of decl.name.elements) {
              if (el.dotDotDotToken || !ts.isIdentifier(el.name)) continue;
              const prop = el.propertyName ? propertyNameText(el.propertyName) : el.name.text;
              if (prop !== undefined) add(direct, prop, el.name.text);
            }
          }
          continue;
        }
        // const readFile = require('fs/promises').readFile
        if (ts.isPropertyAccessExpression(init) && ts.isIdentifier(decl.name)) {
          const module = requiredModule(skipParens(init.expression));
          if (module !== undefined) add(module, init.name.text, decl.name.text);
        }
      }
    }
  }
  return out;
}

function skipParens(expr: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(expr)) expr = expr.expression;
  return expr;
}

function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return undefined;
}

/** The module of `require('m')`, `node:` stripped. */
export function requiredModule(expr: ts.Expression): string | undefined {
  if (!ts.isCallExpression(expr) || !ts.isIdentifier(expr.expression) || expr.expression.text !== 'require') return undefined;
  const [arg] = expr.arguments;
  if (expr.arguments.length !== 1 || !arg || !ts.isStringLiteralLike(arg)) return undefined;
  return stripNodePrefix(arg.text);
}

const RESERVED = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package ' +
    'private protected public await arguments eval undefined NaN Infinity').split(' '),
);

function camel(module: string): string {
  return module
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part, i) => (i === 0 ? part : part[0].toUpperCase() + part.slice(1)))
    .join('');
}

/**
 * Chooses the local names rewrites use for the async APIs they call. One per
 * file, shared by every rewrite in it, so two rewrites asking for the same
 * export get the same name and two exports never share one.
 */
export class ImportNamer {
  private readonly sf: ts.SourceFile;
  private readonly chosen = new Map<string, { local: string; request?: ImportRequest }>();
  // Built on first use: most files never need a name.
  private existingCache?: ExistingBinding[];
  private takenCache?: Set<string>;

  constructor(file: SourceFile | ts.SourceFile) {
    this.sf = 'compilerNode' in file ? file.compilerNode : file;
  }

  private get existing(): ExistingBinding[] {
    return (this.existingCache ??= existingBindings(this.sf));
  }

  private get taken(): Set<string> {
    return (this.takenCache ??= collectIdentifierNames(this.sf));
  }

  private get scopes(): ScopeIndex {
    return ScopeIndex.of(this.sf);
  }

  /**
   * The expression to use for export `name` of `module` (no `node:` prefix):
   * an existing import's local, `ns.name` through an existing namespace
   * import or `require`, or a fresh name with the request that imports it.
   * `preferred` names (tried in order) are used when `name` itself is taken.
   */
  named(module: string, name: string, preferred?: string | string[]): { local: string; request?: ImportRequest } {
    module = stripNodePrefix(module);
    const key = `named\0${module}\0${name}`;
    const cached = this.chosen.get(key);
    if (cached) return cached;
    let result: { local: string; request?: ImportRequest } | undefined;
    const direct = this.existing.find((b) => b.module === module && b.name === name && this.isUnshadowed(b.local));
    if (direct) result = { local: direct.local };
    else {
      const ns = this.existing.find((b) => b.module === module && b.name === undefined && this.isUnshadowed(b.local));
      if (ns) result = { local: `${ns.local}.${name}` };
    }
    if (!result) {
      const local = this.fresh([name, ...[preferred ?? []].flat(), `${camel(module)}${name[0].toUpperCase()}${name.slice(1)}`]);
      result = { local, request: { module, kind: 'named', name, local } };
    }
    this.chosen.set(key, result);
    return result;
  }

  /** A local bound to the whole module: an existing namespace import or `require`, or a fresh one. */
  namespace(module: string, preferred: string): { local: string; request?: ImportRequest } {
    module = stripNodePrefix(module);
    const key = `namespace\0${module}`;
    const cached = this.chosen.get(key);
    if (cached) return cached;
    const ns = this.existing.find((b) => b.module === module && b.name === undefined && this.isUnshadowed(b.local));
    const result = ns ? { local: ns.local } : (() => {
      const local = this.fresh([preferred, camel(module)]);
      return { local, request: { module, kind: 'namespace' as const, local } };
    })();
    this.chosen.set(key, result);
    return result;
  }

  /** Whether the name is declared once in the file (by its import), so every use of it reaches the import. */
  private isUnshadowed(local: string): boolean {
    return this.scopes.declarationsOf(local).length === 1;
  }

  /** A local for a variable a rewrite introduces, from the same pool of names as the imports. */
  freshLocal(base: string): string {
    return this.fresh([base]);
  }

  private fresh(candidates: string[]): string {
    const ok = (n: string): boolean => /^[A-Za-z_$][\w$]*$/.test(n) && !RESERVED.has(n) && !this.taken.has(n);
    let pick = candidates.find(ok);
    if (!pick) {
      const base = candidates[candidates.length - 1];
      for (let i = 2; !pick; i++) if (ok(`${base}${i}`)) pick = `${base}${i}`;
    }
    this.taken.add(pick);
    return pick;
  }
}

// ---- rendering ------------------------------------------------------------

interface FileStyle {
  esm: boolean;
  /** TypeScript file that imports with `import x = require('m')`: namespaces are rendered that way. */
  importEquals: boolean;
  nodePrefix: boolean;
  quote: "'" | '"';
  semicolon: boolean;
}

export function scriptKindFor(path: string): ts.ScriptKind {
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  switch (ext) {
    case '.ts':
    case '.mts':
    case '.cts':
      return ts.ScriptKind.TS;
    case '.tsx':
      return ts.ScriptKind.TSX;
    case '.jsx':
      return ts.ScriptKind.JSX;
    default:
      return ts.ScriptKind.JS;
  }
}

/** Whether a top-level statement imports: `import`, `import x = require()`, or a declaration whose value comes from `require()`. */
function isImportLike(stmt: ts.Statement): boolean {
  if (ts.isImportDeclaration(stmt)) return true;
  if (ts.isImportEqualsDeclaration(stmt)) return ts.isExternalModuleReference(stmt.moduleReference);
  if (ts.isVariableStatement(stmt)) {
    return stmt.declarationList.declarations.every((d) => d.initializer !== undefined && bottomsOutInRequire(d.initializer));
  }
  return false;
}

function bottomsOutInRequire(expr: ts.Expression): boolean {
  for (;;) {
    expr = skipParens(expr);
    if (requiredModule(expr) !== undefined) return true;
    if (ts.isPropertyAccessExpression(expr) || ts.isCallExpression(expr) || ts.isElementAccessExpression(expr)) expr = expr.expression;
    else return false;
  }
}

function moduleSpecifiers(sf: ts.SourceFile): ts.StringLiteralLike[] {
  const out: ts.StringLiteralLike[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      if (node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier);
      return;
    }
    if (ts.isExternalModuleReference(node) && ts.isStringLiteral(node.expression)) {
      out.push(node.expression);
      return;
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0])) {
      out.push(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function detectStyle(path: string, text: string, sf: ts.SourceFile): FileStyle {
  const ext = path.slice(path.lastIndexOf('.')).toLowerCase();
  const isTs = ['.ts', '.tsx', '.mts', '.cts'].includes(ext);
  const hasEsImport = sf.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || (ts.isExportAssignment(s) && !s.isExportEquals) || (ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)));
  const hasImportEquals = sf.statements.some((s) => ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference));
  const hasRequire = sf.statements.some((s) => ts.isVariableStatement(s) && isImportLike(s));
  let esm: boolean;
  if (ext === '.mjs' || ext === '.mts' || hasEsImport) esm = true;
  else if (ext === '.cjs') esm = false;
  else if (hasRequire) esm = false;
  else if (isTs || hasImportEquals) esm = true;
  else if (/\bmodule\.exports\b|\bexports\.\w+\s*=/.test(text)) esm = false;
  else esm = ext === '.jsx';

  const specs = moduleSpecifiers(sf);
  const core = specs.filter((s) => CORE_MODULES.has(stripNodePrefix(s.text)));
  const nodePrefix = core.some((s) => s.text.startsWith('node:'));
  const firstQuoted = specs[0] ?? findFirstString(sf);
  const quote = firstQuoted && text[firstQuoted.getStart(sf)] === '"' ? '"' : "'";

  const importStmts = sf.statements.filter(isImportLike);
  let semicolon: boolean;
  if (importStmts.length) semicolon = importStmts.some((s) => text[s.end - 1] === ';');
  else {
    const simple = sf.statements.filter((s) => ts.isExpressionStatement(s) || ts.isVariableStatement(s));
    semicolon = simple.length === 0 || simple.filter((s) => text[s.end - 1] === ';').length * 2 >= simple.length;
  }
  return { esm, importEquals: isTs && hasImportEquals && !hasEsImport, nodePrefix, quote, semicolon };
}

function findFirstString(sf: ts.SourceFile): ts.StringLiteral | undefined {
  let found: ts.StringLiteral | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isStringLiteral(node)) found = node;
    else ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/**
 * Renders `requests` (already deduped) as edits: names merged into an
 * existing `import { .. } from 'm'` or `const { .. } = require('m')` of the
 * same module, the rest as new statements in one block after the last import
 * (or at the top, after a shebang, directives and a header comment).
 */
export function renderTypeScriptImports(path: string, text: string, requests: ImportRequest[]): TextEdit[] {
  if (!requests.length) return [];
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, scriptKindFor(path));
  const style = detectStyle(path, text, sf);
  const existing = existingBindings(sf);
  const q = style.quote;
  const semi = style.semicolon ? ';' : '';
  const spec = (module: string): string => `${q}${style.nodePrefix && CORE_MODULES.has(module) ? 'node:' : ''}${module}${q}`;

  // Group by module, keeping first-seen order, dropping what the file already has.
  const groups = new Map<string, ImportRequest[]>();
  const seen = new Set<string>();
  for (const r of requests) {
    const module = stripNodePrefix(r.module);
    const key = `${module}\0${r.kind}\0${r.name ?? ''}\0${r.local}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const have = existing.some((b) => b.module === module && b.local === r.local && (r.kind === 'named' ? b.name === r.name : b.name === undefined));
    if (have) continue;
    let list = groups.get(module);
    if (!list) groups.set(module, (list = []));
    list.push(r);
  }

  const edits: TextEdit[] = [];
  const lines: string[] = [];
  for (const [module, list] of groups) {
    const named = list.filter((r) => r.kind === 'named');
    const whole = list.filter((r) => r.kind !== 'named');
    if (named.length) {
      const merged = mergeIntoExisting(sf, text, module, named);
      if (merged) edits.push(merged);
      else if (style.esm) lines.push(`import { ${named.map((r) => (r.name === r.local ? r.local : `${r.name} as ${r.local}`)).join(', ')} } from ${spec(module)}${semi}`);
      else lines.push(`const { ${named.map((r) => (r.name === r.local ? r.local : `${r.name}: ${r.local}`)).join(', ')} } = require(${spec(module)})${semi}`);
    }
    for (const r of whole) {
      if (style.importEquals) lines.push(`import ${r.local} = require(${spec(module)})${semi}`);
      else if (style.esm) lines.push(r.kind === 'namespace' ? `import * as ${r.local} from ${spec(module)}${semi}` : `import ${r.local} from ${spec(module)}${semi}`);
      else lines.push(`const ${r.local} = require(${spec(module)})${semi}`);
    }
  }
  if (lines.length) edits.push(placeNewImports(sf, text, style, lines));
  return edits;
}

/** Adds named imports to an existing `import { .. }` or `const { .. } = require()` of the module; undefined when there is none. */
function mergeIntoExisting(sf: ts.SourceFile, text: string, module: string, named: ImportRequest[]): TextEdit | undefined {
  for (const stmt of sf.statements) {
    let elements: ts.NodeArray<ts.ImportSpecifier | ts.BindingElement> | undefined;
    let esm = false;
    if (ts.isImportDeclaration(stmt)) {
      const clause = stmt.importClause;
      if (!clause || clause.isTypeOnly || !ts.isStringLiteral(stmt.moduleSpecifier) || stripNodePrefix(stmt.moduleSpecifier.text) !== module) continue;
      if (!clause.namedBindings || !ts.isNamedImports(clause.namedBindings) || !clause.namedBindings.elements.length) continue;
      elements = clause.namedBindings.elements;
      esm = true;
    } else if (ts.isVariableStatement(stmt) && stmt.declarationList.declarations.length === 1) {
      const decl = stmt.declarationList.declarations[0];
      if (!decl.initializer || requiredModule(skipParens(decl.initializer)) !== module || !ts.isObjectBindingPattern(decl.name)) continue;
      if (!decl.name.elements.length || decl.name.elements.some((e) => e.dotDotDotToken)) continue;
      elements = decl.name.elements;
    } else continue;

    const items = named.map((r) => (r.name === r.local ? r.local : esm ? `${r.name} as ${r.local}` : `${r.name}: ${r.local}`));
    const last = elements[elements.length - 1];
    const first = elements[0];
    const open = text.lastIndexOf('{', first.getStart(sf));
    const multiline = text.slice(open, first.getStart(sf)).includes('\n');
    const trailingComma = elements.hasTrailingComma;
    const commaAt = trailingComma ? text.indexOf(',', last.end) : -1;
    if (multiline) {
      const lineStart = text.lastIndexOf('\n', last.getStart(sf)) + 1;
      const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
      if (trailingComma) return { start: commaAt + 1, end: commaAt + 1, text: items.map((i) => `\n${indent}${i},`).join('') };
      return { start: last.end, end: last.end, text: items.map((i) => `,\n${indent}${i}`).join('') };
    }
    if (trailingComma) return { start: commaAt + 1, end: commaAt + 1, text: items.map((i) => ` ${i},`).join('') };
    return { start: last.end, end: last.end, text: items.map((i) => `, ${i}`).join('') };
  }
  return undefined;
}

/** One insertion holding the new import statements. */
function placeNewImports(sf: ts.SourceFile, text: string, style: FileStyle, lines: string[]): TextEdit {
  const statements = sf.statements;
  let anchor: ts.Statement | undefined;
  if (style.esm) {
    for (const s of statements) if (isImportLike(s)) anchor = s;
  } else {
    // CommonJS runs in order: keep new requires in the leading block, before any code that could run first.
    for (const s of statements) {
      if (isImportLike(s)) anchor = s;
      else if (!isDirective(s)) break;
    }
  }
  if (!anchor) {
    const directives: ts.Statement[] = [];
    for (const s of statements) {
      if (isDirective(s)) directives.push(s);
      else break;
    }
    anchor = directives[directives.length - 1];
  }
  if (anchor) {
    const at = endOfLineAfter(text, anchor.end);
    return { start: at, end: at, text: lines.map((l) => `\n${l}`).join('') };
  }
  // No imports and no directives: before the first statement, after a detached header comment.
  const first = statements[0];
  if (!first) {
    const shebang = ts.getShebang(text);
    const at = shebang ? endOfLineAfter(text, shebang.length) : 0;
    return at === 0 ? { start: 0, end: 0, text: lines.map((l) => `${l}\n`).join('') } : { start: at, end: at, text: lines.map((l) => `\n${l}`).join('') };
  }
  let start = first.getStart(sf);
  const comments = ts.getLeadingCommentRanges(text, first.pos) ?? [];
  // A comment right above the statement belongs to it; one followed by a blank line is a file header.
  for (let i = comments.length - 1; i >= 0; i--) {
    const c = comments[i];
    const between = text.slice(c.end, i + 1 < comments.length ? comments[i + 1].pos : start);
    if (/\n[ \t]*\r?\n/.test(between)) break;
    start = c.pos;
  }
  const at = text.lastIndexOf('\n', start - 1) + 1;
  return { start: at, end: at, text: lines.map((l) => `${l}\n`).join('') + '\n' };
}

function isDirective(s: ts.Statement): boolean {
  return ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression);
}

/** The end of the line `pos` is on, when only whitespace or a comment follows; else `pos`. */
function endOfLineAfter(text: string, pos: number): number {
  let eol = text.indexOf('\n', pos);
  if (eol === -1) eol = text.length;
  if (eol > pos && text[eol - 1] === '\r') eol--;
  const rest = text.slice(pos, eol);
  return /^\s*(\/\/.*|\/\*.*?\*\/\s*)?$/.test(rest) ? eol : pos;
}
