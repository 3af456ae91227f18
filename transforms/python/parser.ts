// tree-sitter-python through web-tree-sitter (WASM): loaded lazily, once.
// Source is handed to the parser as a JS string, so node offsets
// (`startIndex`/`endIndex`) are UTF-16 indexes into that string, the same
// unit `TextEdit` uses.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Language, Parser } from 'web-tree-sitter';
import { flattenTree, useTreeSitterModule, type PyNode as Node, type PyTree } from './tree.js';

const require = createRequire(import.meta.url);

/** The web-tree-sitter releases the direct flattening (tree.ts) was checked against; package.json pins one of them. */
const DIRECT_WALK_VERSIONS = new Set(['0.27.1']);

/** The version of the web-tree-sitter this process loads, from its package.json. */
function webTreeSitterVersion(): string | undefined {
  try {
    const manifest = path.join(path.dirname(require.resolve('web-tree-sitter')), 'package.json');
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    return parsed.name === 'web-tree-sitter' ? parsed.version : undefined;
  } catch {
    return undefined;
  }
}

let loading: Promise<Parser> | undefined;
let ready: Parser | undefined;

/** The shared parser; the first call loads the runtime and the grammar. */
export function loadPythonParser(): Promise<Parser> {
  loading ??= (async () => {
    // The options object becomes web-tree-sitter's module, which the flattening then calls directly (tree.ts).
    // Only on a web-tree-sitter release whose exported cursor functions it was checked against:
    // another release may lay out its cursor or transfer buffer differently, and the public
    // `TreeCursor` walk is used there.
    const module = {};
    await Parser.init(module);
    if (DIRECT_WALK_VERSIONS.has(webTreeSitterVersion() ?? '')) useTreeSitterModule(module);
    const language = await Language.load(grammarPath());
    const parser = new Parser();
    parser.setLanguage(language);
    ready = parser;
    return parser;
  })();
  return loading;
}

/**
 * The grammar: the copy the package build puts in dist/grammars/ (an installed
 * package has no tree-sitter-python), else the dev dependency's own file.
 */
export function grammarPath(): string {
  const shipped = fileURLToPath(new URL('../../grammars/tree-sitter-python.wasm', import.meta.url));
  return existsSync(shipped) ? shipped : require.resolve('tree-sitter-python/tree-sitter-python.wasm');
}

/** The parser when already loaded (renderImports is synchronous). */
export function loadedParser(): Parser | undefined {
  return ready;
}

/** Parse and copy into awaitify's own tree; the WASM tree is deleted at once. */
export function parsePython(parser: Parser, text: string): PyTree {
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    return flattenTree(tree, text);
  } finally {
    tree.delete();
  }
}

// tree-sitter-python still accepts these Python 2 statements; Python 3 does not.
const PYTHON2_ONLY: Record<string, string> = {
  print_statement: 'Python 2 print statement (Python 3 needs print(...))',
  exec_statement: 'Python 2 exec statement (Python 3 needs exec(...))',
};

/** The first syntax error in a tree: an ERROR or MISSING node, or a Python-2-only statement. */
export function firstSyntaxError(root: Node): { line: number; message: string } | undefined {
  if (!root.hasError && !hasPython2(root)) return undefined;
  const stack: Node[] = [root];
  let best: { index: number; line: number; message: string } | undefined;
  while (stack.length) {
    const node = stack.pop()!;
    let message: string | undefined;
    if (node.type === 'ERROR') message = `invalid syntax near ${JSON.stringify(node.text.slice(0, 40))}`;
    else if (node.isMissing) message = `missing ${JSON.stringify(node.type)}`;
    else if (PYTHON2_ONLY[node.type]) message = PYTHON2_ONLY[node.type];
    if (message) {
      if (!best || node.startIndex < best.index) best = { index: node.startIndex, line: node.startPosition.row + 1, message };
      continue;
    }
    if (!node.hasError && !PYTHON2_ONLY_TYPES.some((t) => node.descendantsOfType(t).length)) continue;
    for (const child of node.children) if (child) stack.push(child);
  }
  return best ? { line: best.line, message: best.message } : undefined;
}

const PYTHON2_ONLY_TYPES = Object.keys(PYTHON2_ONLY);

function hasPython2(root: Node): boolean {
  return root.descendantsOfType(PYTHON2_ONLY_TYPES).length > 0;
}

export async function pythonSyntaxError(text: string): Promise<{ line: number; message: string } | undefined> {
  const parser = await loadPythonParser();
  const root = parsePython(parser, text).rootNode;
  return firstSyntaxError(root) ?? asyncContextError(root) ?? awaitOperandError(root) ?? indentationError(root);
}

/**
 * Errors Python's compiler reports that tree-sitter parses without complaint,
 * so a rewrite that produced them is never written: `await`, `async for` and
 * `async with` outside an `async def` (a generator expression may hold them
 * anywhere, as an async generator expression), and `await` in a lambda.
 */
export function asyncContextError(root: Node): { line: number; message: string } | undefined {
  const found: Node[] = [];
  const visit = (node: Node) => {
    for (const child of node.children) {
      if (!child) continue;
      if (child.type === 'await' || ((child.type === 'for_statement' || child.type === 'with_statement' || child.type === 'for_in_clause') && child.children.some((c) => c?.type === 'async'))) {
        found.push(child);
      }
      visit(child);
    }
  };
  visit(root);
  for (const node of found) {
    const what = node.type === 'await' ? "'await'" : node.type === 'with_statement' ? "'async with'" : node.type === 'for_statement' ? "'async for'" : 'asynchronous comprehension';
    const where = enclosingScope(node);
    if (where === 'async' || where === 'genexp') continue;
    const outside = where === 'lambda' ? 'in a lambda' : 'outside async function';
    return { line: node.startPosition.row + 1, message: `${what} ${outside}` };
  }
  return undefined;
}

/**
 * Python's `await` takes a primary (`await_primary: 'await' primary`), so
 * `await await f()` and `await -f()` are SyntaxErrors, but tree-sitter parses
 * both as an `await` node around the operand. (`await a ** b` also comes out
 * as an `await` around a binary operator; Python reads it as `(await a) ** b`,
 * which is valid, so binary operators are not reported.)
 */
export function awaitOperandError(root: Node): { line: number; message: string } | undefined {
  for (const node of root.descendantsOfType('await')) {
    if (!node) continue;
    const operand = node.namedChildren.filter((c) => c && c.type !== 'comment').at(-1);
    if (!operand) continue;
    if (operand.type === 'await') return { line: node.startPosition.row + 1, message: "'await await': the operand of 'await' must be a primary (parenthesise it)" };
    if (operand.type === 'unary_operator' || operand.type === 'not_operator') {
      return { line: node.startPosition.row + 1, message: `'await' followed by ${JSON.stringify(operand.text.slice(0, 1))}: the operand of 'await' must be a primary` };
    }
  }
  return undefined;
}

function enclosingScope(node: Node): 'async' | 'sync' | 'lambda' | 'genexp' {
  let prev = node;
  for (let p = node.parent; p; prev = p, p = p.parent) {
    if (p.type === 'lambda') return 'lambda';
    if (p.type === 'function_definition') return isAsyncDef(p) ? 'async' : 'sync';
    if (p.type === 'class_definition' || p.type === 'module') return 'sync';
    // The first iterable of a generator expression is evaluated in the enclosing scope.
    if (p.type === 'generator_expression') {
      const first = childrenOf(p).find((c) => c.type === 'for_in_clause');
      if (!(first && prev.id === field(first, 'right')?.id)) return 'genexp';
    }
  }
  return 'sync';
}

/**
 * Statements of one block that do not start at the same column, or a block
 * not indented past its header: tree-sitter recovers from both without an
 * ERROR node when the text still tokenises, Python raises IndentationError.
 */
export function indentationError(root: Node): { line: number; message: string } | undefined {
  for (const block of root.descendantsOfType('block')) {
    if (!block || !block.parent) continue;
    const header = block.parent.startPosition.column;
    let column: number | undefined;
    let row = -1;
    for (const stmt of childrenOf(block)) {
      if (stmt.type === 'comment') continue;
      // A body on the header's own line (`if x: pass`) has no indentation of its own.
      if (stmt.startPosition.row === block.parent.startPosition.row) break;
      // `a = 1; b = 2`: only the first statement of a line is indented.
      if (stmt.startPosition.row === row) continue;
      row = stmt.startPosition.row;
      const at = stmt.startPosition.column;
      if (at <= header && block.parent.type !== 'module') return { line: stmt.startPosition.row + 1, message: 'expected an indented block' };
      column ??= at;
      if (at !== column) return { line: stmt.startPosition.row + 1, message: 'unindent does not match any outer indentation level' };
    }
  }
  return undefined;
}

// ---- small node helpers shared by the index and the rules ----

export function isAsyncDef(fn: Node): boolean {
  return fn.children.some((c) => c?.type === 'async');
}

export function childrenOf(node: Node | null | undefined): Node[] {
  // A new array each time, without null entries (the walks of the analysis call this for every node: no second copy).
  return node ? node.namedChildren : [];
}

/**
 * Whether a node has a descendant of this type (nested scopes included): a scan of the tree's
 * arrays, much cheaper than a walk, that lets a walk looking for such nodes skip a body without any.
 */
export function hasDescendantOfType(node: Node, type: string): boolean {
  return node.descendantsOfType(type).length > 0;
}

export function field(node: Node, name: string): Node | undefined {
  return node.childForFieldName(name) ?? undefined;
}

/** `a.b.c` as a list of names, or undefined when the expression is not a plain dotted name. */
export function dottedParts(node: Node): string[] | undefined {
  if (node.type === 'identifier') return [node.text];
  if (node.type === 'attribute') {
    const object = field(node, 'object');
    const attr = field(node, 'attribute');
    if (!object || !attr) return undefined;
    const head = dottedParts(object);
    return head ? [...head, attr.text] : undefined;
  }
  return undefined;
}

/** Value of a plain string literal (no f-string interpolation), else undefined. */
export function stringValue(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'concatenated_string') {
    let out = '';
    for (const part of childrenOf(node)) {
      const v = stringValue(part);
      if (v === undefined) return undefined;
      out += v;
    }
    return out;
  }
  if (node.type !== 'string') return undefined;
  let out = '';
  for (const child of childrenOf(node)) {
    if (child.type === 'interpolation') return undefined;
    if (child.type === 'string_content') out += child.text;
    if (child.type === 'escape_sequence') out += child.text;
  }
  return out;
}

/** Positional and keyword arguments of a call. */
export function callArguments(call: Node): { positional: Node[]; keywords: Map<string, Node>; splat: boolean; list?: Node } {
  const list = field(call, 'arguments');
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  let splat = false;
  if (!list || list.type !== 'argument_list') return { positional, keywords, splat: list?.type === 'generator_expression', list };
  for (const arg of childrenOf(list)) {
    if (arg.type === 'keyword_argument') {
      const name = field(arg, 'name');
      const value = field(arg, 'value');
      if (name && value) keywords.set(name.text, value);
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
      splat = true;
    } else if (arg.type !== 'comment') {
      positional.push(arg);
    }
  }
  return { positional, keywords, splat, list };
}
