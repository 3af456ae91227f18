// awaitify's own Python syntax tree: flat typed arrays filled by one walk of
// the tree-sitter tree right after parsing, after which the WASM tree is
// deleted. web-tree-sitter's `Node` wrappers cost a call into WASM on every
// `.type`/`.parent`/child read, and cache their children on their parent, so
// every node ever visited stayed reachable from a module's root for the
// whole run. Here a node is an index; a `PyNode` wrapper is made each time a
// node is asked for and not kept by the tree (a slot and a wrapper per node
// held about 275 MB on saleor), so two wrappers of one node are different
// objects: `.id` identifies a node, `===` does not.
//
// Nodes are numbered in pre-order (document order), so a node's descendants
// are the indexes up to `after[i]`, its first child is `i + 1` and its next
// sibling is `after[i]` when those stay inside the parent. Offsets are UTF-16
// indexes into the parsed JS string, as web-tree-sitter gives them; rows and
// columns are computed from them (tree-sitter counts rows at '\n' and
// columns in the same units).
import type { Language, Tree, TreeCursor } from 'web-tree-sitter';

const ERROR_SYMBOL = 65535;
/** The flag of a named node in `PyTree.flags`. */
export const NAMED = 1;
const MISSING = 2;
const HAS_ERROR = 4;

/** What the flattening needs to know of the grammar, built once per language. */
export class Grammar {
  readonly types: string[];
  readonly fields: (string | null)[];
  readonly fieldIds = new Map<string, number>();
  /** Per symbol: 0 not seen yet, 1 anonymous, 2 named (a symbol's named-ness never varies). */
  readonly named = new Uint8Array(65536);
  private readonly masks = new Map<string, Uint8Array>();

  constructor(readonly language: Language) {
    this.types = language.types;
    this.names = Array.from({ length: 65536 }, (_, symbol) => this.typeName(symbol));
    this.fields = language.fields;
    this.fields.forEach((name, id) => {
      if (name !== null && !this.fieldIds.has(name)) this.fieldIds.set(name, id);
    });
  }

  /** Per symbol, its type name (`typeName`), filled in once: `PyNode.type` is read more than anything else. */
  readonly names: string[];

  typeName(symbol: number): string {
    return this.types[symbol] || 'ERROR';
  }

  /** Symbols `descendantsOfType` matches, chosen as web-tree-sitter chooses them (by name, ERROR by its symbol). */
  typeMask(types: string | string[]): Uint8Array {
    const list = Array.isArray(types) ? types : [types];
    const key = list.join('\0');
    let mask = this.masks.get(key);
    if (!mask) {
      mask = new Uint8Array(65536);
      if (list.includes('ERROR')) mask[ERROR_SYMBOL] = 1;
      this.types.forEach((name, symbol) => {
        if (list.includes(name)) mask![symbol] = 1;
      });
      this.masks.set(key, mask);
    }
    return mask;
  }
}

const grammars = new WeakMap<Language, Grammar>();

function grammarOf(language: Language): Grammar {
  let grammar = grammars.get(language);
  if (!grammar) grammars.set(language, (grammar = new Grammar(language)));
  return grammar;
}

/** Ids continue from tree to tree, so an id is unique among all the trees of a run. */
let nextIdBase = 1;

export interface Point {
  row: number;
  column: number;
}

/** A flattened tree's per-node arrays, in pre-order; they can be transferred between threads. */
export interface FlatArrays {
  type: Uint16Array;
  field: Uint16Array;
  flags: Uint8Array;
  start: Uint32Array;
  end: Uint32Array;
  parent: Int32Array;
  after: Int32Array;
}

/** A delta that does not fit in 16 bits; the value is in the tree's overflow map. */
const WIDE = 0xffff;

/**
 * Nodes are kept in 14 bytes: the type (2), field (1; the Python grammar has 33 fields) and
 * flags (1), the start offset (4), and three 16-bit deltas: the length (end - start), the
 * distance back to the parent and the subtree's size (after - index). The few nodes whose
 * delta does not fit (a module root, a long class body, the top-level statements of a file of
 * more than 65,534 nodes) keep the full value in a map. The arrays a parse gives (FlatArrays,
 * also the parse cache's and the workers' format) take 21 bytes a node: about 42 MB more on
 * saleor's 6 million nodes for the whole run.
 */
export class PyTree {
  readonly rootNode: PyNode;
  /** @internal the per-node arrays, `count` long */
  readonly type: Uint16Array;
  /** @internal */ readonly field: Uint8Array | Uint16Array;
  /** @internal */ readonly flags: Uint8Array;
  /** @internal */ readonly start: Uint32Array;
  /** end - start, or WIDE */
  private readonly length: Uint16Array;
  /** index - parent (0 for the root), or WIDE */
  private readonly up: Uint16Array;
  /** after - index (at least 1), or WIDE */
  private readonly size: Uint16Array;
  /** Full values of the deltas that are WIDE, by node index. */
  private readonly wideEnd: Map<number, number>;
  private readonly wideParent: Map<number, number>;
  private readonly wideAfter: Map<number, number>;
  /** @internal */ readonly idBase: number;
  private lineStarts: Uint32Array | undefined;

  /** @internal */
  constructor(
    readonly text: string,
    /** @internal */ readonly grammar: Grammar,
    /** The arrays of a parse, or a tree of the same text whose storage this one shares (with ids of its own). */
    arrays: FlatArrays | PyTree,
  ) {
    if (arrays instanceof PyTree) {
      ({ type: this.type, field: this.field, flags: this.flags, start: this.start, length: this.length, up: this.up, size: this.size } = arrays);
      ({ wideEnd: this.wideEnd, wideParent: this.wideParent, wideAfter: this.wideAfter } = arrays);
      this.idBase = nextIdBase;
      nextIdBase += this.type.length;
      this.rootNode = this.node(0);
      return;
    }
    this.wideEnd = new Map();
    this.wideParent = new Map();
    this.wideAfter = new Map();
    const n = arrays.type.length;
    this.type = arrays.type;
    this.flags = arrays.flags;
    this.start = arrays.start;
    this.field = grammar.fields.length <= 256 ? Uint8Array.from(arrays.field) : arrays.field;
    const length = (this.length = new Uint16Array(n));
    const up = (this.up = new Uint16Array(n));
    const size = (this.size = new Uint16Array(n));
    const { start, end, parent, after } = arrays;
    for (let i = 0; i < n; i++) {
      const l = end[i]! - start[i]!;
      if (l < WIDE) length[i] = l;
      else ((length[i] = WIDE), this.wideEnd.set(i, end[i]!));
      const p = parent[i]!;
      const u = p < 0 ? 0 : i - p;
      if (u < WIDE) up[i] = u;
      else ((up[i] = WIDE), this.wideParent.set(i, p));
      const z = after[i]! - i;
      if (z < WIDE) size[i] = z;
      else ((size[i] = WIDE), this.wideAfter.set(i, after[i]!));
    }
    this.idBase = nextIdBase;
    nextIdBase += n;
    this.rootNode = this.node(0);
  }

  get count(): number {
    return this.type.length;
  }

  /** @internal one past the end offset of node `i` */
  endOf(i: number): number {
    const l = this.length[i]!;
    return l === WIDE ? this.wideEnd.get(i)! : this.start[i]! + l;
  }

  /** @internal the parent of node `i`, -1 for the root */
  parentOf(i: number): number {
    const u = this.up[i]!;
    return u === WIDE ? this.wideParent.get(i)! : u === 0 ? -1 : i - u;
  }

  /** @internal one past the last descendant of node `i` */
  afterOf(i: number): number {
    const z = this.size[i]!;
    return z === WIDE ? this.wideAfter.get(i)! : i + z;
  }

  /** @internal the same tree with new node ids (taken after those of every tree made before), sharing this one's storage */
  renumbered(): PyTree {
    return new PyTree(this.text, this.grammar, this);
  }

  /** @internal a wrapper of node `index` (a new one each time: compare nodes by `.id`) */
  node(index: number): PyNode {
    return new PyNode(this, index);
  }

  /** @internal row and column of a UTF-16 offset */
  point(offset: number): Point {
    const starts = (this.lineStarts ??= lineStartsOf(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { row: lo, column: offset - starts[lo]! };
  }
}

function lineStartsOf(text: string): Uint32Array {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return Uint32Array.from(starts);
}

export class PyNode {
  /** @internal */
  constructor(
    readonly tree: PyTree,
    /** @internal */ readonly index: number,
  ) {}

  /** Unique among all the nodes of all the trees of a run. */
  get id(): number {
    return this.tree.idBase + this.index;
  }

  get type(): string {
    const tree = this.tree;
    return tree.grammar.names[tree.type[this.index]!]!;
  }

  get startIndex(): number {
    return this.tree.start[this.index]!;
  }

  get endIndex(): number {
    return this.tree.endOf(this.index);
  }

  get text(): string {
    return this.tree.text.slice(this.tree.start[this.index], this.tree.endOf(this.index));
  }

  get startPosition(): Point {
    return this.tree.point(this.tree.start[this.index]!);
  }

  get endPosition(): Point {
    return this.tree.point(this.tree.endOf(this.index));
  }

  get isNamed(): boolean {
    return (this.tree.flags[this.index]! & NAMED) !== 0;
  }

  get isMissing(): boolean {
    return (this.tree.flags[this.index]! & MISSING) !== 0;
  }

  /** This node or one of its descendants is an ERROR or MISSING node. */
  get hasError(): boolean {
    return (this.tree.flags[this.index]! & HAS_ERROR) !== 0;
  }

  get parent(): PyNode | null {
    const p = this.tree.parentOf(this.index);
    return p < 0 ? null : this.tree.node(p);
  }

  get childCount(): number {
    let n = 0;
    const tree = this.tree;
    for (let c = this.index + 1, end = tree.afterOf(this.index); c < end; c = tree.afterOf(c)) n++;
    return n;
  }

  /** All children, named and anonymous (a new array each time). */
  get children(): PyNode[] {
    const out: PyNode[] = [];
    const tree = this.tree;
    for (let c = this.index + 1, end = tree.afterOf(this.index); c < end; c = tree.afterOf(c)) out.push(tree.node(c));
    return out;
  }

  get namedChildren(): PyNode[] {
    const out: PyNode[] = [];
    const tree = this.tree;
    const { flags } = tree;
    for (let c = this.index + 1, end = tree.afterOf(this.index); c < end; c = tree.afterOf(c)) if (flags[c]! & NAMED) out.push(tree.node(c));
    return out;
  }

  child(index: number): PyNode | null {
    const tree = this.tree;
    let n = 0;
    for (let c = this.index + 1, end = tree.afterOf(this.index); c < end; c = tree.afterOf(c)) if (n++ === index) return tree.node(c);
    return null;
  }

  childForFieldName(name: string): PyNode | null {
    const id = this.tree.grammar.fieldIds.get(name);
    if (id === undefined) return null;
    const tree = this.tree;
    const { field } = tree;
    for (let c = this.index + 1, end = tree.afterOf(this.index); c < end; c = tree.afterOf(c)) if (field[c] === id) return tree.node(c);
    return null;
  }

  childrenForFieldName(name: string): PyNode[] {
    const id = this.tree.grammar.fieldIds.get(name);
    const out: PyNode[] = [];
    if (id === undefined) return out;
    const tree = this.tree;
    const { field } = tree;
    for (let c = this.index + 1, end = tree.afterOf(this.index); c < end; c = tree.afterOf(c)) if (field[c] === id) out.push(tree.node(c));
    return out;
  }

  // tree-sitter finds siblings by position, so a zero-width sibling (a MISSING
  // node, only in trees with errors) is not the next sibling of the node before it.
  get nextSibling(): PyNode | null {
    return this.next(false);
  }

  get nextNamedSibling(): PyNode | null {
    return this.next(true);
  }

  get previousSibling(): PyNode | null {
    return this.previous(false);
  }

  get previousNamedSibling(): PyNode | null {
    return this.previous(true);
  }

  private next(named: boolean): PyNode | null {
    const tree = this.tree;
    const p = tree.parentOf(this.index);
    if (p < 0) return null;
    const { flags, start } = tree;
    const from = start[this.index]!;
    const to = tree.endOf(this.index);
    for (let c = tree.afterOf(this.index), stop = tree.afterOf(p); c < stop; c = tree.afterOf(c)) {
      if (tree.endOf(c) > to && start[c]! > from && (!named || flags[c]! & NAMED)) return tree.node(c);
    }
    return null;
  }

  private previous(named: boolean): PyNode | null {
    const tree = this.tree;
    const p = tree.parentOf(this.index);
    if (p < 0) return null;
    const { flags, start } = tree;
    const to = tree.endOf(this.index);
    const empty = start[this.index] === to;
    let found = -1;
    for (let c = p + 1; c < this.index; c = tree.afterOf(c)) {
      const e = tree.endOf(c);
      if ((e < to || (empty && e === to)) && (!named || flags[c]! & NAMED)) found = c;
    }
    return found < 0 ? null : tree.node(found);
  }

  /**
   * This node and its descendants of the given types, in document order, as
   * web-tree-sitter's `descendantsOfType` without a range gives them (which
   * also leaves out nodes ending at row 0, column 0).
   */
  descendantsOfType(types: string | string[]): PyNode[] {
    const tree = this.tree;
    const mask = tree.grammar.typeMask(types);
    const { type } = tree;
    const out: PyNode[] = [];
    const stop = tree.afterOf(this.index);
    for (let i = this.index; i < stop; ) {
      if (tree.endOf(i) === 0) {
        i = tree.afterOf(i);
        continue;
      }
      if (mask[type[i]!]) out.push(tree.node(i));
      i++;
    }
    return out;
  }
}

/**
 * Copy a tree-sitter tree into a `PyTree` with one cursor walk. The caller
 * deletes the WASM tree afterwards; `text` must be the string it was parsed from.
 */
export function flattenTree(wasm: Tree, text: string): PyTree {
  return new PyTree(text, grammarOf(wasm.language), flattenArrays(wasm));
}

/** A tree flattened elsewhere (a parse worker), for `text` parsed with `language`. */
export function treeFromArrays(text: string, language: Language, arrays: FlatArrays): PyTree {
  return new PyTree(text, grammarOf(language), arrays);
}

/** The per-node arrays of a tree-sitter tree, filled by one cursor walk. */
export function flattenArrays(wasm: Tree): FlatArrays {
  const grammar = grammarOf(wasm.language);
  const root = wasm.rootNode;
  const hasErrors = root.hasError;
  // About one node per four characters of Python; the arrays double when that is short.
  let capacity = Math.max(1024, root.endIndex >> 2);
  let type = new Uint16Array(capacity);
  let field = new Uint16Array(capacity);
  let flags = new Uint8Array(capacity);
  let start = new Uint32Array(capacity);
  let end = new Uint32Array(capacity);
  let parent = new Int32Array(capacity);
  let after = new Int32Array(capacity);
  const grow = () => {
    capacity *= 2;
    const bigger = <T extends Uint16Array | Uint8Array | Uint32Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(capacity);
      b.set(a);
      return b;
    };
    type = bigger(type);
    field = bigger(field);
    flags = bigger(flags);
    start = bigger(start);
    end = bigger(end);
    parent = bigger(parent);
    after = bigger(after);
  };

  const cursor = wasm.walk();
  const stack: number[] = [];
  let count = 0;
  // The same walk either way; see `Binding` for why there are two.
  const direct = binding ? directCursor(binding, cursor) : undefined;
  const c = direct ?? cursor;
  try {
    for (;;) {
      if (count === capacity) grow();
      const i = count++;
      const symbol = c.nodeTypeId;
      type[i] = symbol;
      field[i] = c.currentFieldId;
      start[i] = c.startIndex;
      end[i] = c.endIndex;
      parent[i] = stack.length ? stack[stack.length - 1]! : -1;
      let named = grammar.named[symbol]!;
      if (!named) grammar.named[symbol] = named = c.nodeIsNamed ? 2 : 1;
      let f = named === 2 ? NAMED : 0;
      if (hasErrors && c.nodeIsMissing) f |= MISSING | HAS_ERROR;
      if (symbol === ERROR_SYMBOL) f |= HAS_ERROR;
      flags[i] = f;
      if (c.gotoFirstChild()) {
        stack.push(i);
        continue;
      }
      after[i] = i + 1;
      for (;;) {
        if (c.gotoNextSibling()) break;
        if (!c.gotoParent()) break;
        const p = stack.pop()!;
        after[p] = count;
      }
      if (!stack.length) break;
    }
  } finally {
    direct?.release();
    cursor.delete();
  }
  // An error anywhere below makes every ancestor report it, as tree-sitter's hasError does.
  if (hasErrors) {
    for (let i = count - 1; i > 0; i--) if (flags[i]! & HAS_ERROR) flags[parent[i]!]! |= HAS_ERROR;
  }
  return {
    type: type.slice(0, count),
    field: field.slice(0, count),
    flags: flags.slice(0, count),
    start: start.slice(0, count),
    end: end.slice(0, count),
    parent: parent.slice(0, count),
    after: after.slice(0, count),
  };
}

/**
 * web-tree-sitter's own Emscripten module, as `Parser.init` fills the options
 * object it is given (an Emscripten module factory fills and returns the
 * object passed to it). Its `TreeCursor` keeps a cursor's four words in JS
 * and, on every getter and move, writes them into the module's transfer
 * buffer and reads them back: about a quarter of the flattening's time went
 * to that copying. With the module at hand the walk leaves the cursor in the
 * transfer buffer and calls the same exported functions the `TreeCursor`
 * methods call, with the same arguments, so the arrays are the same (the
 * tree tests compare every node with web-tree-sitter's `Node`s).
 */
interface Binding {
  _ts_init(): number;
  getValue(pointer: number, type: 'i32'): number;
  setValue(pointer: number, value: number, type: 'i32'): void;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_named_wasm(tree: number): number;
  _ts_tree_cursor_current_node_is_missing_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
}

const BINDING_FUNCTIONS = [
  '_ts_init',
  'getValue',
  'setValue',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_node_is_named_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
] as const;

let binding: Binding | undefined;
let kept: Binding | undefined;
/** The module's transfer buffer (its address does not change). */
let transferBuffer = 0;

/**
 * Given the object this thread passed to `Parser.init`: the flattening calls
 * the module directly when the object is the module (it is not when
 * `Parser.init` had run before and kept another). Returns whether it will.
 */
export function useTreeSitterModule(module: object): boolean {
  const m = module as Record<string, unknown>;
  if (!BINDING_FUNCTIONS.every((name) => typeof m[name] === 'function')) return false;
  binding = kept = module as Binding;
  // Returns the buffer's address; it also writes the two version words into it, which nothing reads after init.
  transferBuffer = binding._ts_init();
  return true;
}

/**
 * Whether the flattening calls the module directly; `set(false)` makes it use the
 * public `TreeCursor` only, `set(true)` again (the tree tests compare the two walks).
 */
export function treeSitterModuleInUse(set?: boolean): boolean {
  if (set === false) binding = undefined;
  else if (set === true) binding = kept;
  return binding !== undefined;
}

/** What the walk reads of a cursor: `TreeCursor`'s members of the same names. */
interface WalkCursor {
  readonly nodeTypeId: number;
  readonly currentFieldId: number;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly nodeIsNamed: boolean;
  readonly nodeIsMissing: boolean;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
}

/**
 * `cursor`'s four words, written into the transfer buffer once; every call
 * after reads them from there, and the moves write them back there, as the
 * exported functions do. Nothing else may use web-tree-sitter on this thread
 * until `release`, which copies them back into `cursor` (so deleting it frees
 * what the walk ended on, as `TreeCursor.delete` expects).
 */
function directCursor(b: Binding, cursor: TreeCursor): WalkCursor & { release(): void } {
  const handle = cursor as unknown as Record<number, number>;
  const tree = (cursor as unknown as { tree: Record<number, number> }).tree[0]!;
  for (let k = 0; k < 4; k++) b.setValue(transferBuffer + 4 * k, handle[k]!, 'i32');
  return {
    get nodeTypeId() {
      return b._ts_tree_cursor_current_node_type_id_wasm(tree);
    },
    get currentFieldId() {
      return b._ts_tree_cursor_current_field_id_wasm(tree);
    },
    get startIndex() {
      return b._ts_tree_cursor_start_index_wasm(tree);
    },
    get endIndex() {
      return b._ts_tree_cursor_end_index_wasm(tree);
    },
    get nodeIsNamed() {
      return b._ts_tree_cursor_current_node_is_named_wasm(tree) === 1;
    },
    get nodeIsMissing() {
      return b._ts_tree_cursor_current_node_is_missing_wasm(tree) === 1;
    },
    gotoFirstChild: () => b._ts_tree_cursor_goto_first_child_wasm(tree) === 1,
    gotoNextSibling: () => b._ts_tree_cursor_goto_next_sibling_wasm(tree) === 1,
    gotoParent: () => b._ts_tree_cursor_goto_parent_wasm(tree) === 1,
    release() {
      for (let k = 0; k < 4; k++) handle[k] = b.getValue(transferBuffer + 4 * k, 'i32');
    },
  };
}
