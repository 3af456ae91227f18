// What a Python run keeps for the next run on the same project (a language
// server's re-analysis after an edit, see AdapterRunContext.memo): each file's
// flat syntax tree by its text, and the names an edited module still uses
// (emitUnusedImports' parse of its text after the rewrite).
//
// A file whose text did not change parses to the same tree, so its kept
// tree's storage is shared by a new tree, renumbered in file order like the
// trees of a run without the memo: node ids keep their order (output order
// depends on it), and nothing else of the tree is kept. Only the files whose
// text changed are parsed.
import type { Parser } from 'web-tree-sitter';
import type { SourceText } from '../core/types.js';
import { parseFiles, type ParseFilesOptions } from './parse-pool.js';
import { parsePython } from './parser.js';
import type { PyTree } from './tree.js';
import { nameUses } from './usage.js';

const TREES = 'python:trees';
const USES = 'python:import-uses';

type KeptTrees = Map<string, { text: string; tree: PyTree }>;
type KeptUses = Map<string, string[]>;

export class KeptParses {
  private readonly trees: KeptTrees | undefined;
  private readonly uses: KeptUses | undefined;
  private readonly nextUses: KeptUses = new Map();

  constructor(private readonly memo: Map<string, unknown> | undefined) {
    this.trees = memo?.get(TREES) as KeptTrees | undefined;
    this.uses = memo?.get(USES) as KeptUses | undefined;
    // Kept again only when the run ends: a run that throws leaves nothing half-made.
    memo?.delete(TREES);
    memo?.delete(USES);
  }

  /**
   * parseFiles for the run's files, with `onTree` given every tree in file order;
   * with kept trees, only the files whose text changed are parsed.
   */
  async parse(parser: Parser, files: SourceText[], options: Pick<ParseFilesOptions, 'onParsed' | 'onTree' | 'cache'>): Promise<void> {
    const kept = this.trees;
    if (!kept || !parser.language) {
      const trees = await parseFiles(parser, files.map((f) => f.text), options);
      this.keepTrees(files, trees);
      return;
    }
    const changed = files.filter((f) => kept.get(f.path)?.text !== f.text);
    const parsed = await parseFiles(parser, changed.map((f) => f.text), { onParsed: options.onParsed, ...(options.cache ? { cache: options.cache } : {}) });
    const parsedOf = new Map(changed.map((f, i) => [f, parsed[i]!]));
    const trees: PyTree[] = [];
    files.forEach((file, i) => {
      const from = parsedOf.get(file) ?? kept.get(file.path)!.tree;
      if (!parsedOf.has(file)) options.onParsed?.();
      const tree = from.renumbered();
      trees.push(tree);
      options.onTree?.(i, tree);
    });
    this.keepTrees(files, trees);
  }

  /** The names of `locals` that `text` (a module after its rewrite) uses. */
  usedNames(parser: Parser, text: string, locals: Set<string>): Set<string> {
    const key = `${[...locals].join(' ')}\0${text}`;
    let used = this.uses?.get(key);
    if (!used) used = [...nameUses(parsePython(parser, text).rootNode, locals).keys()];
    this.nextUses.set(key, used);
    return new Set(used);
  }

  /** Keeps what this run computed for the next one (the files and rewrites of this run only). */
  finish(): void {
    if (!this.memo) return;
    if (this.keptTrees) this.memo.set(TREES, this.keptTrees);
    this.memo.set(USES, this.nextUses);
  }

  private keptTrees: KeptTrees | undefined;

  private keepTrees(files: SourceText[], trees: PyTree[]): void {
    if (!this.memo) return;
    this.keptTrees = new Map(files.map((f, i) => [f.path, { text: f.text, tree: trees[i]! }]));
  }
}
