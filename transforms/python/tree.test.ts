// awaitify's flat tree against web-tree-sitter's own answers, node by node.
import { describe, expect, it } from 'vitest';
import type { Node as WasmNode, Parser } from 'web-tree-sitter';
import { loadPythonParser, parsePython } from './parser.js';
import { flattenArrays, flattenTree, treeSitterModuleInUse, type PyNode, type PyTree } from './tree.js';

const SOURCES: Record<string, string> = {
  views: 'from django.http import JsonResponse\n\n\n@login_required\ndef index(request, *args, key=None, **kw):\n    """Doc."""\n    for order in Order.objects.filter(user=request.user):\n        if not order.paid:\n            break\n    return JsonResponse({"n": [x async for x in y], "k": key})\n',
  nonAscii: '# ünïcode 😀\ns = "héllo 😀 wörld"\nx = time.sleep(1)  # ✓\ndef ф(a, b="𝔘"):\r\n    return a + f"{b!r:>10}"\r\n',
  classes: 'class A(B, metaclass=M):\n    x: int = 1\n\n    async def f(self):\n        async with lock as l, other():\n            await g(*a, **k)\n        return [i for i in range(3) if i]\n',
  brokenCall: 'def f(:\n    pass\n',
  brokenDict: 'if x:\r\n    y = {1: 2,\n',
  conflict: 'a = 1\n<<<<<<< HEAD\nb = 2\n=======\nb = 3\n>>>>>>> branch\n',
  python2: 'print "x"\nexec "y"\n',
  empty: '',
  blank: '\n\n   \n# only a comment\n',
};

/** What both node kinds answer; nodes are given as their pre-order index. */
interface NodeLike<N> {
  type: string;
  startIndex: number;
  endIndex: number;
  startPosition: { row: number; column: number };
  endPosition: { row: number; column: number };
  text: string;
  isNamed: boolean;
  isMissing: boolean;
  hasError: boolean;
  parent: N | null;
  children: (N | null)[];
  namedChildren: (N | null)[];
  child(index: number): N | null;
  nextSibling: N | null;
  nextNamedSibling: N | null;
  previousNamedSibling: N | null;
  childForFieldName(name: string): N | null;
  childrenForFieldName(name: string): (N | null)[];
}

function answers<N extends NodeLike<N>>(n: N, at: (node: N | null) => number, fields: string[]): unknown {
  return {
    type: n.type,
    startIndex: n.startIndex,
    endIndex: n.endIndex,
    startPosition: n.startPosition,
    endPosition: n.endPosition,
    text: n.text,
    isNamed: n.isNamed,
    isMissing: n.isMissing,
    hasError: n.hasError,
    parent: at(n.parent),
    children: n.children.map(at),
    namedChildren: n.namedChildren.map(at),
    child1: at(n.child(1)),
    nextSibling: at(n.nextSibling),
    nextNamedSibling: at(n.nextNamedSibling),
    previousNamedSibling: at(n.previousNamedSibling),
    fields: fields.map((name) => [at(n.childForFieldName(name)), n.childrenForFieldName(name).map(at)]),
  };
}

function wasmPreorder(root: WasmNode): WasmNode[] {
  const out: WasmNode[] = [];
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    const children = node.children.filter((c): c is WasmNode => c !== null);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

async function both(text: string): Promise<{ parser: Parser; wasm: WasmNode[]; flat: PyTree; index: (n: WasmNode | null) => number; at: (n: PyNode | null) => number }> {
  const parser = await loadPythonParser();
  const wasmTree = parser.parse(text)!;
  const wasm = wasmPreorder(wasmTree.rootNode);
  const byId = new Map(wasm.map((n, i) => [n.id, i]));
  const flat = parsePython(parser, text);
  return { parser, wasm, flat, index: (n) => (n ? byId.get(n.id)! : -1), at: (n) => (n ? n.index : -1) };
}

/** The class body's index. */
function field(cls: PyNode): number {
  return cls.childForFieldName('body')!.index;
}

describe('flat Python tree', () => {
  for (const [name, text] of Object.entries(SOURCES)) {
    it(`answers as web-tree-sitter does for every node (${name})`, async () => {
      const { parser, wasm, flat, index, at } = await both(text);
      expect(flat.count).toBe(wasm.length);
      const fields = parser.language!.fields.filter((f): f is string => f !== null);
      for (let i = 0; i < wasm.length; i++) {
        const w = wasm[i]!;
        const f = flat.node(i);
        expect(answers(f, at, fields), `node ${i} (${w.type}) of ${name}`).toEqual(answers(w, index, fields));
      }
    });
  }

  it('lists descendantsOfType in the same order, keyword and expression alike', async () => {
    const text = SOURCES.views! + SOURCES.classes!;
    const { wasm, flat, index, at } = await both(text);
    for (const types of [['call'], ['await'], ['identifier', 'attribute'], ['block'], ['ERROR'], ['comment', 'string']]) {
      for (const from of [0, 5, wasm.length >> 1]) {
        expect(flat.node(from).descendantsOfType(types).map(at), `${types} from ${from}`).toEqual(wasm[from]!.descendantsOfType(types).map(index));
      }
    }
    expect(flat.rootNode.descendantsOfType('await').map((n) => n.isNamed)).toEqual([true, false]);
  });

  // Wrappers are not kept by the tree (they held most of a large run's memory): a node asked
  // for twice is two objects with one id, and the analysis compares nodes by id.
  it('gives a node the same id however it is reached, and ids unique across trees', async () => {
    const parser = await loadPythonParser();
    const a = parsePython(parser, SOURCES.views!);
    const b = parsePython(parser, SOURCES.views!);
    const call = a.rootNode.descendantsOfType('call')[0]!;
    const again = call.parent!.children.find((c) => c.id === call.id)!;
    expect(again).not.toBe(call);
    expect([again.index, again.type, again.startIndex, again.endIndex]).toEqual([call.index, call.type, call.startIndex, call.endIndex]);
    expect(a.rootNode.descendantsOfType('call')[0]!.id).toBe(call.id);
    expect(b.rootNode.descendantsOfType('call')[0]!.id).not.toBe(call.id);
    const ids = new Set<number>();
    for (const tree of [a, b]) for (let i = 0; i < tree.count; i++) ids.add(tree.node(i).id);
    expect(ids.size).toBe(a.count + b.count);
  });

  // A node keeps its length, the distance to its parent and its subtree's size in 16 bits each;
  // the nodes where one does not fit keep it apart: a class of more than 65,535 characters and
  // nodes, and statements after it more than 65,535 nodes from the module.
  it('answers as web-tree-sitter does where lengths and distances do not fit in 16 bits', async () => {
    const methods = Array.from({ length: 3400 }, (_, k) => `    def m${k}(self, a=${k}):\n        return self.x${k}(a) + [a, ${k}]\n`).join('');
    const text = `import os\n\n\nclass Big(Base):\n${methods}\n\ndef after(request):\n    return os.getcwd()\n\n\ny = after(1)\n`;
    const { parser, wasm, flat, index, at } = await both(text);
    expect(flat.count).toBe(wasm.length);
    const cls = flat.rootNode.namedChildren.find((n) => n.type === 'class_definition')!;
    const last = flat.rootNode.namedChildren.at(-1)!;
    expect(cls.endIndex - cls.startIndex).toBeGreaterThan(65535);
    expect(last.index).toBeGreaterThan(65535);
    expect(flat.count - cls.index).toBeGreaterThan(65535);
    const fields = parser.language!.fields.filter((f): f is string => f !== null);
    for (let i = 0; i < wasm.length; i++) {
      if (i % 29 && i > 40 && i < wasm.length - 40 && i !== cls.index + 1 && i !== field(cls)) continue;
      expect(answers(flat.node(i), at, fields), `node ${i} (${wasm[i]!.type})`).toEqual(answers(wasm[i]!, index, fields));
    }
    expect(flat.rootNode.descendantsOfType('function_definition').map(at)).toEqual(wasm[0]!.descendantsOfType('function_definition').map(index));
    expect(last.parent!.id).toBe(flat.rootNode.id);
    expect(cls.nextNamedSibling!.type).toBe('function_definition');
  }, 60_000);

  // The flattening calls web-tree-sitter's module directly, with the cursor left in the
  // module's transfer buffer (tree.ts, `Binding`); the public TreeCursor must give the same arrays.
  it('flattens the same through the module as through the public TreeCursor', async () => {
    const parser = await loadPythonParser();
    expect(treeSitterModuleInUse()).toBe(true);
    const methods = Array.from({ length: 300 }, (_, k) => `    def m${k}(self, a=${k}):\n        return self.x${k}(a) + [a, ${k}]\n`).join('');
    for (const text of [...Object.values(SOURCES), `class Big(Base):\n${methods}`]) {
      const tree = parser.parse(text)!;
      try {
        const direct = flattenArrays(tree);
        treeSitterModuleInUse(false);
        const slow = flattenArrays(tree);
        treeSitterModuleInUse(true);
        expect(direct).toEqual(slow);
        expect(direct.type.length).toBe(tree.rootNode.descendantCount);
        // The cursor walked after a direct walk is still web-tree-sitter's to use.
        const cursor = tree.walk();
        expect(cursor.gotoFirstChild()).toBe(text.trim().length > 0);
        cursor.delete();
      } finally {
        treeSitterModuleInUse(true);
        tree.delete();
      }
    }
  });

  it('slices text by UTF-16 offsets after astral and accented characters', async () => {
    const parser = await loadPythonParser();
    const text = SOURCES.nonAscii!;
    const tree = flattenTree(parser.parse(text)!, text);
    const call = tree.rootNode.descendantsOfType('call')[0]!;
    expect(call.text).toBe('time.sleep(1)');
    expect(text.slice(call.startIndex, call.endIndex)).toBe('time.sleep(1)');
    const fn = tree.rootNode.descendantsOfType('function_definition')[0]!;
    expect(fn.childForFieldName('name')!.text).toBe('ф');
    expect(fn.startPosition).toEqual({ row: 3, column: 0 });
  });
});
