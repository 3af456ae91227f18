// Renders the imports a file's applied findings asked for, once, in the
// file's own style: merged into an existing `from x import ...` line when
// there is one, otherwise added after the last top-level import.
import type { Node } from 'web-tree-sitter';
import type { ImportRequest, TextEdit } from '../core/types.js';
import { loadedParser, parsePython, childrenOf, field } from './parser.js';
import { importsOf } from './project.js';

export function renderPythonImports(text: string, requests: ImportRequest[]): TextEdit[] {
  const parser = loadedParser();
  if (!parser || requests.length === 0) return [];
  const tree = parsePython(parser, text);
  try {
    return render(text, tree.rootNode, requests);
  } finally {
    tree.delete();
  }
}

function render(text: string, root: Node, requests: ImportRequest[]): TextEdit[] {
  const top = childrenOf(root);
  const importStmts = top.filter((n) => n.type === 'import_statement' || n.type === 'import_from_statement' || n.type === 'future_import_statement');
  const existing = importStmts.flatMap((n) => (n.type === 'future_import_statement' ? [] : importsOf(n, '')));
  const edits: TextEdit[] = [];
  const newLines: string[] = [];
  const mergeInto = new Map<Node, string[]>();

  const namespaces = requests.filter((r) => r.kind !== 'named').sort((a, b) => cmp(a.module, b.module));
  for (const r of namespaces) {
    if (existing.some((e) => e.name === undefined && e.module === r.module && e.local === r.local)) continue;
    if (existing.some((e) => e.name === undefined && r.module.split('.')[0] === e.module && e.local === r.local && r.local === r.module.split('.')[0])) continue;
    newLines.push(r.local === r.module.split('.')[0] && r.local === r.module ? `import ${r.module}` : r.local === r.module ? `import ${r.module}` : `import ${r.module} as ${r.local}`);
  }
  const byModule = new Map<string, ImportRequest[]>();
  for (const r of requests.filter((r) => r.kind === 'named')) {
    if (existing.some((e) => e.module === r.module && e.name === r.name && e.local === r.local)) continue;
    const list = byModule.get(r.module) ?? [];
    if (!list.some((x) => x.name === r.name && x.local === r.local)) list.push(r);
    byModule.set(r.module, list);
  }
  for (const [module, list] of [...byModule].sort((a, b) => cmp(a[0], b[0]))) {
    const names = list.map((r) => (r.local === r.name ? r.name! : `${r.name} as ${r.local}`)).sort(cmp);
    const target = importStmts.find((n) => n.type === 'import_from_statement' && field(n, 'module_name')?.text === module && !childrenOf(n).some((c) => c.type === 'wildcard_import'));
    if (target) mergeInto.set(target, [...(mergeInto.get(target) ?? []), ...names]);
    else newLines.push(`from ${module} import ${names.join(', ')}`);
  }

  for (const [stmt, names] of mergeInto) {
    const items = stmt.childrenForFieldName('name').filter(Boolean) as Node[];
    const last = items[items.length - 1];
    if (!last) continue;
    const closing = childrenOf(stmt).length && stmt.text.trimEnd().endsWith(')');
    if (closing) {
      // Parenthesised, possibly one name per line: follow the last name's layout.
      const after = text.slice(last.endIndex, stmt.endIndex);
      const trailingComma = /^\s*,/.test(after);
      const lineStart = text.lastIndexOf('\n', last.startIndex - 1) + 1;
      const multiline = text.slice(stmt.startIndex, last.startIndex).includes('\n');
      const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
      const insertion = multiline ? names.map((n) => `\n${indent}${n},`).join('') : names.map((n) => `, ${n}`).join('');
      if (multiline) {
        const at = trailingComma ? last.endIndex + after.indexOf(',') + 1 : last.endIndex;
        edits.push({ start: at, end: at, text: trailingComma ? insertion : `,${insertion.replace(/,$/, '')}` });
      } else {
        edits.push({ start: last.endIndex, end: last.endIndex, text: insertion });
      }
    } else {
      edits.push({ start: last.endIndex, end: last.endIndex, text: names.map((n) => `, ${n}`).join('') });
    }
  }

  if (newLines.length) {
    const anchor = importStmts[importStmts.length - 1];
    if (anchor) {
      edits.push({ start: anchor.endIndex, end: anchor.endIndex, text: newLines.map((l) => `\n${l}`).join('') });
    } else {
      // After the module docstring and leading comments; a blank line before the code.
      let at = 0;
      const first = top.find((n) => n.type !== 'comment');
      if (first && first.type === 'expression_statement' && childrenOf(first)[0]?.type === 'string') {
        at = first.endIndex;
        edits.push({ start: at, end: at, text: `\n\n${newLines.join('\n')}` });
      } else {
        const lines = text.split('\n');
        let i = 0;
        while (i < lines.length && /^\s*#/.test(lines[i])) i++;
        at = lines.slice(0, i).reduce((n, l) => n + l.length + 1, 0);
        const rest = text.slice(at);
        edits.push({ start: at, end: at, text: `${newLines.join('\n')}\n${rest.trim() ? '\n\n' : ''}` });
      }
    }
  }
  return edits;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
