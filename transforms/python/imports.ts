// Renders the imports a file's applied findings asked for, once, in the
// file's own style, and drops top-level imports that the rewrite left unused.
// When the file's imports are grouped isort-style (future, stdlib,
// third-party, local; blocks separated by blank lines), a new import goes into
// its group in sorted position (a group of its own, in group order, when the
// file has none); otherwise it goes after the last import. A name joins an
// existing `from x import ...` line, in sorted position when the line is sorted.
import type { PyNode as Node } from './tree.js';
import type { ImportRequest, TextEdit } from '../core/types.js';
import { loadedParser, parsePython, childrenOf, field } from './parser.js';
import { importsOf } from './project.js';

/** What the analysis knows about a file that the rendering needs (set by the adapter before the pipeline renders). */
export interface ImportContext {
  /** Top-level package names of the project's own modules (first-party imports). */
  firstParty: Set<string>;
  /** Names bound by top-level imports that the rewrite leaves without any use: their imports go. */
  unused: Set<string>;
}

const contexts = new Map<string, { text: string; context: ImportContext }>();

/** Remembers the analysis of one file for the render call the pipeline makes after it. */
export function setImportContext(path: string, text: string, context: ImportContext): void {
  contexts.set(path, { text, context });
}

/** Forgets earlier runs (a new analysis starts). */
export function clearImportContexts(): void {
  contexts.clear();
}

export function importContextFor(path: string, text: string): ImportContext | undefined {
  const c = contexts.get(path);
  return c && c.text === text ? c.context : undefined;
}

/** `root`: the tree of `text` when the caller has it (the analysis does), else `text` is parsed. */
export function renderPythonImports(text: string, requests: ImportRequest[], context?: ImportContext, root?: Node): TextEdit[] {
  const parser = loadedParser();
  if (!parser || (requests.length === 0 && !context?.unused.size)) return [];
  return render(text, root ?? parsePython(parser, text).rootNode, requests, context ?? { firstParty: new Set(), unused: new Set() });
}

type Group = 0 | 1 | 2 | 3;
const FUTURE: Group = 0;
const STDLIB: Group = 1;
const THIRD_PARTY: Group = 2;
const LOCAL: Group = 3;

const STDLIB_MODULES = new Set(
  ('abc aifc argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop ' +
    'collections colorsys compileall concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm decimal difflib dis distutils doctest ' +
    'email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib ' +
    'heapq hmac html http imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap ' +
    'modulefinder msilib msvcrt multiprocessing netrc nis nntplib nt ntpath numbers opcode operator optparse os ossaudiodev pathlib pdb pickle pickletools pipes pkgutil platform ' +
    'plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select ' +
    'selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 ssl stat statistics string stringprep struct subprocess sunau symtable sys ' +
    'sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap threading time timeit tkinter token tokenize tomllib trace traceback tracemalloc tty turtle types typing ' +
    'unicodedata unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo')
    .split(' '),
);

function groupOf(module: string, firstParty: Set<string>): Group {
  if (module === '__future__') return FUTURE;
  if (module.startsWith('.')) return LOCAL;
  const top = module.split('.')[0];
  if (firstParty.has(top)) return LOCAL;
  if (STDLIB_MODULES.has(top)) return STDLIB;
  return THIRD_PARTY;
}

/** isort's default order of names in one `from` import: CONSTANTS, Classes, functions; then case-insensitively. */
function nameKey(name: string): string {
  const bare = name.split(' as ')[0];
  const rank = bare.length > 1 && bare === bare.toUpperCase() ? 0 : /^_*[A-Z]/.test(bare) ? 1 : 2;
  return `${rank}${bare.toLowerCase()}\u0000${bare}`;
}

function moduleKey(module: string): string {
  return module.toLowerCase();
}

interface Stmt {
  node: Node;
  module: string;
  from: boolean;
  group: Group;
  /** Bound names with their item nodes (a from-import's names; `import a.b` binds `a`). */
  items: { local: string; text: string; node: Node }[];
}

function render(text: string, root: Node, requests: ImportRequest[], context: ImportContext): TextEdit[] {
  const top = childrenOf(root);
  const stmts: Stmt[] = top
    .filter((n) => n.type === 'import_statement' || n.type === 'import_from_statement' || n.type === 'future_import_statement')
    .map((node) => {
      const module = node.type === 'future_import_statement' ? '__future__' : node.type === 'import_statement' ? (childrenOf(node)[0]?.type === 'aliased_import' ? field(childrenOf(node)[0], 'name')!.text : (childrenOf(node)[0]?.text ?? '')) : (field(node, 'module_name')?.text ?? '');
      const items =
        node.type === 'import_from_statement'
          ? (node.childrenForFieldName('name').filter(Boolean) as Node[]).map((item) => ({ local: item.type === 'aliased_import' ? field(item, 'alias')!.text : item.text, text: item.text, node: item }))
          : node.type === 'import_statement'
            ? childrenOf(node).map((item) => ({ local: item.type === 'aliased_import' ? field(item, 'alias')!.text : item.text.split('.')[0], text: item.text, node: item }))
            : [];
      return { node, module, from: node.type !== 'import_statement', group: groupOf(module, context.firstParty), items };
    });
  const existing = stmts.flatMap((s) => (s.node.type === 'future_import_statement' ? [] : importsOf(s.node, '')));
  const edits: TextEdit[] = [];

  // What to add: namespace imports as lines, named imports merged per module.
  const newLines: { module: string; line: string; from: boolean }[] = [];
  for (const r of requests.filter((r) => r.kind !== 'named').sort((a, b) => cmp(a.module, b.module))) {
    if (existing.some((e) => e.name === undefined && e.module === r.module && e.local === r.local && !context.unused.has(e.local))) continue;
    if (existing.some((e) => e.name === undefined && r.module.split('.')[0] === e.module && e.local === r.local && r.local === r.module.split('.')[0] && !context.unused.has(e.local))) continue;
    if (newLines.some((l) => !l.from && l.module === r.module)) continue;
    newLines.push({ module: r.module, from: false, line: r.local === r.module ? `import ${r.module}` : `import ${r.module} as ${r.local}` });
  }
  const byModule = new Map<string, string[]>();
  for (const r of requests.filter((r) => r.kind === 'named')) {
    if (existing.some((e) => e.module === r.module && e.name === r.name && e.local === r.local && !context.unused.has(e.local))) continue;
    const name = r.local === r.name ? r.name! : `${r.name} as ${r.local}`;
    const list = byModule.get(r.module) ?? [];
    if (!list.includes(name)) list.push(name);
    byModule.set(r.module, list);
  }

  // An existing from-import of the module takes the new names: one statement per module (the
  // first that keeps a name, else the first), so a file with several `from m import` lines
  // gets each new name once.
  const mergedInto = new Set<Stmt>();
  for (const module of byModule.keys()) {
    const candidates = stmts.filter((st) => st.node.type === 'import_from_statement' && st.module === module && !childrenOf(st.node).some((c) => c.type === 'wildcard_import'));
    const target = candidates.find((st) => !st.items.every((i) => context.unused.has(i.local))) ?? candidates[0];
    if (target) mergedInto.add(target);
  }
  for (const [module, names] of [...byModule].sort((a, b) => cmp(a[0], b[0]))) {
    if (stmts.some((st) => mergedInto.has(st) && st.module === module)) continue;
    newLines.push({ module, from: true, line: `from ${module} import ${[...names].sort((a, b) => cmp(nameKey(a), nameKey(b))).join(', ')}` });
  }
  if (!stmts.length) return newLines.length ? leadingImports(text, top, newLines.map((l) => l.line)) : [];

  // Where new lines go. With isort-style groups (the file's layout, statements that go
  // included): into their group, or a group of their own in group order; else after the last import.
  const isGone = (st: Stmt) => st.items.length > 0 && st.items.every((i) => context.unused.has(i.local)) && !mergedInto.has(st);
  const blocks = importBlocks(text, stmts);
  const grouped = blocks.every((b) => b.every((st) => st.group === b[0].group)) && blocks.every((b, i) => i === 0 || blocks[i - 1][0].group < b[0].group);
  const insertions: { at: number; order: number; text: string }[] = [];
  const add = (at: number, order: number, line: string) => {
    const prefix = at === text.length && at > 0 && !text.endsWith('\n') ? '\n' : '';
    insertions.push({ at, order, text: `${prefix}${line}` });
  };
  /** Blocks that new lines land in keep their place (and their blank line) even when every old statement goes. */
  const landed = new Set<Stmt[]>();
  if (!grouped) {
    const lastKept = [...stmts].reverse().find((st) => !isGone(st));
    const at = lastKept ? nextLineStart(text, lastKept.node.endIndex) : lineStart(text, stmts[0].node.startIndex);
    for (const l of newLines) add(at, 0, `${l.line}\n`);
    if (!lastKept) landed.add(blocks[0]);
  } else {
    const fresh = new Map<Group, string[]>();
    for (const l of newLines) {
      const group = groupOf(l.module, context.firstParty);
      const block = blocks.find((b) => b[0].group === group);
      if (!block) {
        fresh.set(group, [...(fresh.get(group) ?? []), l.line]);
        continue;
      }
      landed.add(block);
      // isort order inside a group: `import x` lines, then `from x import` lines, each by module.
      const key = `${l.from ? 1 : 0}${moduleKey(l.module)}`;
      const kept = block.filter((st) => !isGone(st));
      const after = kept.find((st) => `${st.from ? 1 : 0}${moduleKey(st.module)}` > key);
      if (after) add(lineStart(text, after.node.startIndex), group, `${l.line}\n`);
      else if (kept.length) add(nextLineStart(text, kept[kept.length - 1].node.endIndex), group, `${l.line}\n`);
      else add(lineStart(text, block[0].node.startIndex), group, `${l.line}\n`);
    }
    let afterLast = 0;
    for (const [group, lines] of [...fresh].sort((a, b) => a[0] - b[0])) {
      const body = lines.sort((a, b) => cmp(lineKey(a), lineKey(b))).map((l) => `${l}\n`).join('');
      const higher = blocks.find((b) => b[0].group > group);
      if (higher) add(lineStart(text, higher[0].node.startIndex), group, `${body}\n`);
      else {
        // After the last block; when that block goes, in its place.
        const last = blocks[blocks.length - 1];
        if (last.every(isGone)) {
          // Separated from what already landed there (another group) by a blank line.
          add(lineStart(text, last[0].node.startIndex), group, `${landed.has(last) || afterLast ? '\n' : ''}${body}`);
          landed.add(last);
        } else add(nextLineStart(text, last[last.length - 1].node.endIndex), group, `\n${body}`);
        afterLast++;
      }
    }
  }

  // Statements lose the names nobody uses any more, and take the new names.
  for (const block of blocks) {
    for (const stmt of block) {
      const removed = stmt.items.filter((i) => context.unused.has(i.local));
      const added = mergedInto.has(stmt) ? (byModule.get(stmt.module) ?? []) : [];
      if (!removed.length && !added.length) continue;
      // A block that empties takes the blank line after it along, unless new imports take its place.
      const dropBlank = block.every(isGone) && !landed.has(block) && stmt === block[block.length - 1];
      edits.push(...rewriteStatement(text, stmt, removed, added, dropBlank));
    }
  }
  insertions.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const ins of insertions) edits.push({ start: ins.at, end: ins.at, text: ins.text });
  return edits;
}

function lineKey(line: string): string {
  const m = /^(from|import) (\S+)/.exec(line)!;
  return `${m[1] === 'from' ? 1 : 0}${moduleKey(m[2])}`;
}

/** Top-level import statements in runs without blank lines or other code between them. */
function importBlocks(text: string, stmts: Stmt[]): Stmt[][] {
  const blocks: Stmt[][] = [];
  for (const s of stmts) {
    const prev = blocks.at(-1)?.at(-1);
    const between = prev ? text.slice(prev.node.endIndex, s.node.startIndex) : '';
    if (prev && /^[ \t]*(#[^\n]*)?\r?\n([ \t]*#[^\n]*\r?\n)*$/.test(between)) blocks.at(-1)!.push(s);
    else blocks.push([s]);
  }
  return blocks;
}

/** Edits for one import statement that loses names, gains names (a from-import), or goes entirely. */
function rewriteStatement(text: string, stmt: Stmt, removed: Stmt['items'], added: string[], dropBlank: boolean): TextEdit[] {
  const keptItems = stmt.items.filter((i) => !removed.includes(i));
  if (!keptItems.length && !added.length) return deleteStatement(text, stmt.node, dropBlank);
  const first = stmt.items[0];
  const last = stmt.items[stmt.items.length - 1];
  const multiline = text.slice(stmt.node.startIndex, last.node.endIndex).includes('\n');
  const names = keptItems.map((i) => i.text);
  const sorted = names.every((n, i) => i === 0 || cmp(nameKey(names[i - 1]), nameKey(n)) <= 0);
  if (!multiline) {
    const all = [...names];
    for (const a of added) {
      if (!sorted) all.push(a);
      else {
        const at = all.findIndex((n) => cmp(nameKey(n), nameKey(a)) > 0);
        all.splice(at === -1 ? all.length : at, 0, a);
      }
    }
    const separator = stmt.from ? ', ' : ', ';
    return [{ start: first.node.startIndex, end: last.node.endIndex, text: all.join(separator) }];
  }
  // One name per line (parenthesised): remove whole lines, add lines in the same layout.
  const edits: TextEdit[] = [];
  const indent = /^[ \t]*/.exec(text.slice(lineStart(text, last.node.startIndex)))![0];
  const ownLine = (i: Stmt['items'][number]) => text.slice(lineStart(text, i.node.startIndex), i.node.startIndex).trim() === '' && /^\s*,?[ \t]*(#[^\n]*)?\r?\n/.test(text.slice(i.node.endIndex));
  for (const r of removed) {
    if (!ownLine(r)) return [];
    edits.push({ start: lineStart(text, r.node.startIndex), end: nextLineStart(text, r.node.endIndex), text: '' });
  }
  const trailingComma = /^\s*,/.test(text.slice(last.node.endIndex, stmt.node.endIndex));
  for (const a of added) {
    const before = sorted ? keptItems.find((i) => cmp(nameKey(i.text), nameKey(a)) > 0) : undefined;
    if (before && ownLine(before)) edits.push({ start: lineStart(text, before.node.startIndex), end: lineStart(text, before.node.startIndex), text: `${indent}${a},\n` });
    else if (trailingComma && ownLine(last)) edits.push({ start: nextLineStart(text, last.node.endIndex), end: nextLineStart(text, last.node.endIndex), text: `${indent}${a},\n` });
    else edits.push({ start: last.node.endIndex, end: last.node.endIndex, text: `,\n${indent}${a}` });
  }
  return edits;
}

/** Removes a whole import statement with its line (and the blank line after it, for a block that empties). */
function deleteStatement(text: string, node: Node, dropBlank: boolean): TextEdit[] {
  const start = lineStart(text, node.startIndex);
  if (text.slice(start, node.startIndex).trim() !== '') return [];
  const rest = text.slice(node.endIndex, nextLineStart(text, node.endIndex));
  if (!/^[ \t]*(#[^\n]*)?\r?\n?$/.test(rest)) return [];
  let end = nextLineStart(text, node.endIndex);
  if (dropBlank && /^[ \t]*\r?\n$/.test(text.slice(end, nextLineStart(text, end)))) end = nextLineStart(text, end);
  return [{ start, end, text: '' }];
}

/** When the file has no imports: after the module docstring and leading comments. */
function leadingImports(text: string, top: Node[], lines: string[]): TextEdit[] {
  const first = top.find((n) => n.type !== 'comment');
  if (first && first.type === 'expression_statement' && childrenOf(first)[0]?.type === 'string') {
    return [{ start: first.endIndex, end: first.endIndex, text: `\n\n${lines.join('\n')}` }];
  }
  const all = text.split('\n');
  let i = 0;
  while (i < all.length && /^\s*#/.test(all[i])) i++;
  const at = all.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
  const rest = text.slice(at);
  return [{ start: at, end: at, text: `${lines.join('\n')}\n${rest.trim() ? '\n\n' : ''}` }];
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The start of the line after the one holding `offset` (the end of the text on the last line). */
function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl + 1;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
