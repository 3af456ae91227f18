// node scripts/corpus/python-tree-check.mjs DIR...: every node of every .py
// file under DIR, awaitify's flat tree (dist/, build first) against
// web-tree-sitter's own answers; prints the first differences and a count.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
const { loadPythonParser } = await import('../../dist/transforms/python/parser.js');
const { flattenTree } = await import('../../dist/transforms/python/tree.js');
const parser = await loadPythonParser();
const fieldNames = parser.language.fields.filter(Boolean);
let files = 0, nodes = 0, bad = 0;
function* walk(p) { const st = statSync(p); if (st.isDirectory()) { for (const e of readdirSync(p)) if (e !== 'node_modules' && e !== '.git' && e !== 'venv' && e !== '.venv') yield* walk(join(p, e)); } else if (p.endsWith('.py')) yield p; }
const pos = (p) => `${p.row}:${p.column}`;
for (const arg of process.argv.slice(2)) for (const path of walk(arg)) {
  const text = readFileSync(path, 'utf8');
  const wasm = parser.parse(text);
  const copy = parser.parse(text);
  const flat = flattenTree(copy, text);
  copy.delete();
  files++;
  const order = []; // wasm nodes in preorder
  const st = [wasm.rootNode];
  while (st.length) { const n = st.pop(); order.push(n); const ch = n.children; for (let i = ch.length - 1; i >= 0; i--) st.push(ch[i]); }
  const idx = new Map(order.map((n, i) => [n.id, i]));
  const ix = (n) => (n ? idx.get(n.id) : -1);
  const fx = (n) => (n ? n.index : -1);
  const fail = (i, what, a, b) => { if (bad++ < 30) console.log(`${path} node ${i} ${what}: wasm ${JSON.stringify(a)} flat ${JSON.stringify(b)}`); };
  if (order.length !== flat.count) fail(-1, 'count', order.length, flat.count);
  for (let i = 0; i < order.length; i++) {
    nodes++;
    const w = order[i], f = flat.node(i);
    const eq = (what, a, b) => { if (a !== b) fail(i, what, a, b); };
    eq('type', w.type, f.type); eq('start', w.startIndex, f.startIndex); eq('end', w.endIndex, f.endIndex);
    eq('startPos', pos(w.startPosition), pos(f.startPosition)); eq('endPos', pos(w.endPosition), pos(f.endPosition));
    eq('named', w.isNamed, f.isNamed); eq('missing', w.isMissing, f.isMissing); eq('hasError', w.hasError, f.hasError);
    eq('text', w.text, f.text); eq('parent', ix(w.parent), fx(f.parent));
    eq('children', w.children.map(ix).join(), f.children.map(fx).join());
    eq('named children', w.namedChildren.map(ix).join(), f.namedChildren.map(fx).join());
    eq('child(1)', ix(w.child(1)), fx(f.child(1)));
    eq('nextSibling', ix(w.nextSibling), fx(f.nextSibling)); eq('nextNamedSibling', ix(w.nextNamedSibling), fx(f.nextNamedSibling));
    eq('previousNamedSibling', ix(w.previousNamedSibling), fx(f.previousNamedSibling));
    if (w.childCount) {
      const names = new Set(f.children.map((c) => parser.language.fields[flat.field[c.index]]).filter(Boolean));
      names.add(fieldNames[i % fieldNames.length]);
      for (const name of names) {
        eq(`field ${name}`, ix(w.childForFieldName(name)), fx(f.childForFieldName(name)));
        eq(`fields ${name}`, w.childrenForFieldName(name).map(ix).join(), f.childrenForFieldName(name).map(fx).join());
      }
    }
  }
  for (const types of [['call'], ['await'], ['ERROR'], ['identifier', 'attribute'], ['block'], ['comment', 'string']]) {
    for (const at of [0, order.length >> 1]) {
      const a = order[at].descendantsOfType(types).map(ix).join(), b = flat.node(at).descendantsOfType(types).map(fx).join();
      if (a !== b) fail(at, `descendantsOfType ${types}`, a.slice(0, 80), b.slice(0, 80));
    }
  }
  wasm.delete();
}
console.log(`${files} files, ${nodes} nodes, ${bad} differences`);
process.exit(bad ? 1 : 0);
