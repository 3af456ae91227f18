// Which names bound by top-level imports a module text uses: identifiers
// outside the import statements, names listed in `__all__`, and names inside
// string annotations (`x: "requests.Response"`). Used to drop an import that
// a rewrite left without any use, and only such an import.
import type { PyNode as Node } from './tree.js';
import { childrenOf, field, stringValue } from './parser.js';
import { importsOf } from './project.js';

/** Locals bound by the module's top-level import statements. */
export function topLevelImportLocals(root: Node): Set<string> {
  const out = new Set<string>();
  for (const n of childrenOf(root)) {
    if (n.type === 'import_statement' || n.type === 'import_from_statement') for (const imp of importsOf(n, '')) out.add(imp.local);
  }
  return out;
}

/** How often each of `names` is used in the module, outside its top-level imports. */
export function nameUses(root: Node, names: Set<string>): Map<string, number[]> {
  const uses = new Map<string, number[]>();
  const note = (name: string, at: number) => {
    if (!names.has(name)) return;
    const list = uses.get(name) ?? [];
    list.push(at);
    uses.set(name, list);
  };
  const visit = (node: Node) => {
    for (const child of childrenOf(node)) {
      if (node.type === 'module' && (child.type === 'import_statement' || child.type === 'import_from_statement' || child.type === 'future_import_statement')) continue;
      if (child.type === 'identifier') {
        const p = child.parent;
        const attributeName = p?.type === 'attribute' && field(p, 'attribute')?.id === child.id;
        const keywordName = p?.type === 'keyword_argument' && field(p, 'name')?.id === child.id;
        if (!attributeName && !keywordName) note(child.text, child.startIndex);
        continue;
      }
      if (child.type === 'string' && inAnnotation(child)) {
        for (const m of (stringValue(child) ?? '').matchAll(/[A-Za-z_]\w*/g)) note(m[0], child.startIndex);
      }
      visit(child);
    }
  };
  visit(root);
  // `__all__ = ["name", ...]` exports the name: it is a use.
  for (const n of childrenOf(root)) {
    const a = n.type === 'expression_statement' ? childrenOf(n)[0] : undefined;
    if (a?.type !== 'assignment' && a?.type !== 'augmented_assignment') continue;
    if (field(a, 'left')?.text !== '__all__') continue;
    for (const s of field(a, 'right')?.descendantsOfType('string') ?? []) if (s) note(stringValue(s) ?? '', s.startIndex);
  }
  return uses;
}

function inAnnotation(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'type') return true;
    if (p.type === 'block' || p.type === 'module') return false;
  }
  return false;
}
