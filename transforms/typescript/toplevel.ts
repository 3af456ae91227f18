// Module top level: where it may await. By default nowhere (`--toplevel
// keep`): start-up code stays sync, because an ES module with top-level await
// cannot be `require()`d (Node's `require(esm)` throws ERR_REQUIRE_ASYNC_MODULE,
// and code outside the project may require it) and a CommonJS module has no
// top-level await. `--toplevel await` lets an ES module that no project file
// `require()`s await at its top level; `--toplevel iife` does that too and
// wraps a CommonJS script (a module without exports, which nothing waits on)
// in an async IIFE. Both are review.
import { existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { ts } from 'ts-morph';
import type { TextEdit, TopLevelPolicy } from '../core/types.js';
import { detectIndentUnit } from './express.js';
import { requireSpecifier, type FileInfo, type ProjectModel } from './analysis/model.js';

export type ModuleScope = 'tla' | 'iife';

/** How each file's top level may await, for files where it may. */
export function moduleScopes(files: FileInfo[], model: ProjectModel, root: string, toplevel: TopLevelPolicy): Map<FileInfo, ModuleScope> {
  if (toplevel === 'keep') return new Map();
  const required = new Set<FileInfo>();
  for (const file of files) {
    if (!file.text.includes('require')) continue;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n)) {
        const spec = requireSpecifier(n, model);
        const target = spec !== undefined ? model.resolveModule(spec, file) : undefined;
        if (target) required.add(target);
      }
      ts.forEachChild(n, visit);
    };
    visit(file.sf);
  }
  const out = new Map<FileInfo, ModuleScope>();
  const typeCache = new Map<string, string | undefined>();
  for (const file of files) {
    if (isEsModule(file, root, typeCache)) {
      if (!required.has(file)) out.set(file, 'tla');
    } else if (toplevel === 'iife' && !hasExports(file, model)) out.set(file, 'iife');
  }
  return out;
}

function isEsModule(file: FileInfo, root: string, cache: Map<string, string | undefined>): boolean {
  const ext = nodePath.extname(file.path).toLowerCase();
  if (ext === '.mjs' || ext === '.mts') return true;
  if (ext === '.cjs' || ext === '.cts') return false;
  // `.js`/`.ts`: ESM only in a `"type": "module"` package, and only if the file is written as one.
  if (packageType(nodePath.dirname(file.absPath), nodePath.resolve(root), cache) !== 'module') return false;
  return file.sf.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) || (ts.canHaveModifiers(s) && (ts.getModifiers(s) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword)));
}

/** The `type` of the nearest package.json between `dir` and `root` ('commonjs' when it has none). */
export function packageType(dir: string, root: string, cache: Map<string, string | undefined>): string | undefined {
  if (cache.has(dir)) return cache.get(dir);
  let type: string | undefined;
  const manifest = nodePath.join(dir, 'package.json');
  if (existsSync(manifest)) {
    try {
      type = (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type ?? 'commonjs';
    } catch {
      type = undefined;
    }
  } else if (dir !== root && nodePath.dirname(dir) !== dir && dir.startsWith(root)) {
    type = packageType(nodePath.dirname(dir), root, cache);
  }
  cache.set(dir, type);
  return type;
}

function hasExports(file: FileInfo, model: ProjectModel): boolean {
  const ex = model.exportsOf(file);
  return ex.named.size > 0 || ex.stars.length > 0 || Boolean(ex.cjs) || /\b(module\.)?exports\b/.test(file.text);
}

/**
 * Wraps a CommonJS script's statements after its leading requires and
 * directives in `(async () => { ... })()`, re-indented, with a catch that
 * reports the error and sets the exit code as an uncaught throw did.
 */
export function iifeWrapEdits(file: FileInfo, replaced: readonly [number, number][] = []): TextEdit[] | undefined {
  const sf = file.sf;
  const statements = sf.statements;
  let first = 0;
  while (first < statements.length && isPrologue(statements[first]!)) first++;
  if (first >= statements.length) return undefined;
  const unit = detectIndentUnit(file.text);
  return wrapLinesEdits(file, statements[first]!.getStart(sf), statements[statements.length - 1]!.getEnd(), '(async () => {\n', `\n})().catch((err) => {\n${unit}console.error(err);\n${unit}process.exitCode = 1;\n});`, replaced);
}

/**
 * Wraps the whole lines from `start` (which must begin its line, after
 * indentation) to `end` between `open` (inserted at the start of the first
 * line, after that line's indentation is repeated) and `close` (after `end`),
 * indenting each line one unit more. Lines inside string and template
 * literals and inside text other edits replace keep their text.
 */
export function wrapLinesEdits(file: FileInfo, start: number, end: number, open: string, close: string, replaced: readonly [number, number][] = [], unit = detectIndentUnit(file.text)): TextEdit[] | undefined {
  const text = file.text;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (indent.trim() !== '') return undefined;
  const edits: TextEdit[] = [{ start: lineStart, end: lineStart, text: `${indent}${open}` }];
  const literals = literalRanges(file.sf);
  for (let pos = lineStart; pos >= 0 && pos < end; pos = text.indexOf('\n', pos) + 1 || -1) {
    const lineEnd = text.indexOf('\n', pos) === -1 ? text.length : text.indexOf('\n', pos);
    if (text.slice(pos, lineEnd).trim() === '') continue;
    if (literals.some(([s, e]) => s < pos && pos < e) || replaced.some(([s, e]) => s < pos && pos < e)) continue;
    edits.push({ start: pos, end: pos, text: unit });
  }
  edits.push({ start: end, end, text: close.replace(/\n(?=.)/g, `\n${indent}`) });
  return edits;
}

function isPrologue(st: ts.Statement): boolean {
  if (ts.isExpressionStatement(st) && ts.isStringLiteral(st.expression)) return true;
  if (ts.isImportDeclaration(st) || ts.isImportEqualsDeclaration(st)) return true;
  if (!ts.isVariableStatement(st)) return false;
  // `const x = require('x')`, `const { a } = require('x')`, `const y = require('x').y`
  return st.declarationList.declarations.every((d) => {
    let init = d.initializer;
    while (init && (ts.isPropertyAccessExpression(init) || ts.isParenthesizedExpression(init))) init = init.expression;
    return Boolean(init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require');
  });
}

function literalRanges(root: ts.Node): [number, number][] {
  const out: [number, number][] = [];
  const sf = root.getSourceFile();
  const visit = (n: ts.Node): void => {
    if (ts.isNoSubstitutionTemplateLiteral(n) || ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n) || ts.isStringLiteral(n)) {
      out.push([n.getStart(sf), n.getEnd()]);
      return;
    }
    ts.forEachChild(n, visit);
  };
  visit(root);
  return out;
}
