// Parsing a project's Python files, on two worker threads when there are
// enough files to pay for starting them (each loads the grammar). The trees
// are the same whichever thread parsed them, and they are built on this
// thread in file order, so node ids, and everything after, do not change.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Parser } from 'web-tree-sitter';
import type { TreeCache } from './parse-cache.js';
import type { ParseBatch, ParsedBatch } from './parse-worker.js';
import { parsePython } from './parser.js';
import { flattenArrays, treeFromArrays, type FlatArrays, type PyTree } from './tree.js';

/** Fewer files than this are parsed on this thread. */
export const MIN_FILES_FOR_WORKERS = 200;
const BATCH_SIZE = 16;

export interface ParseFilesOptions {
  /** Worker threads to use; by default 2 (1 core: none) when there are at least MIN_FILES_FOR_WORKERS files. */
  workers?: number;
  /** Called once per file parsed, in no particular order. */
  onParsed?: () => void;
  /** The compiled worker module (tests run from the sources point it at dist/). */
  workerScript?: URL;
  /** Told why the workers were given up, before the files left are parsed on this thread. */
  onWorkersFailed?: (error: Error) => void;
  /**
   * Given each tree as soon as it and every tree before it are built, in file
   * order: work done here overlaps the parsing of the files after it.
   */
  onTree?: (index: number, tree: PyTree) => void;
  /** Trees of texts parsed before are read from here, and the trees parsed are stored in it. */
  cache?: TreeCache;
}

/** One tree per text, in order. A worker that fails makes the files not yet built parse on this thread. */
export async function parseFiles(parser: Parser, texts: string[], options: ParseFilesOptions = {}): Promise<PyTree[]> {
  const cache = options.cache;
  const keys = cache ? texts.map((text) => cache.keyOf(text)) : [];
  // What the cache holds is built like a tree from a worker; only the other texts are parsed.
  const cached: (FlatArrays | undefined)[] = cache ? keys.map((key) => cache.get(key)) : [];
  const toParse = cache ? texts.flatMap((_, i) => (cached[i] ? [] : [i])) : texts.map((_, i) => i);
  for (let i = toParse.length; i < texts.length; i++) options.onParsed?.();
  const cores = availableParallelism();
  const workers = options.workers ?? (toParse.length >= MIN_FILES_FOR_WORKERS && cores > 1 ? Math.min(2, cores) : 0);
  const script = options.workerScript ?? new URL('./parse-worker.js', import.meta.url);
  const language = parser.language;
  const trees: PyTree[] = [];
  // What `onTree` throws is the caller's error, not the workers': it is thrown again, not retried.
  let callerError: { error: unknown } | undefined;
  // Trees are built here in file order (node ids follow it), each as soon as the ones before it are.
  const build = (arrays: FlatArrays) => {
    const tree = treeFromArrays(texts[trees.length]!, language!, arrays);
    trees.push(tree);
    try {
      options.onTree?.(trees.length - 1, tree);
    } catch (error) {
      callerError = { error };
      throw error;
    }
  };
  // Run from the TypeScript sources (the tests), there is no compiled worker to start.
  if (workers > 0 && language && existsSync(fileURLToPath(script))) {
    const store = cache?.entryPaths(toParse.map((i) => keys[i]!));
    const ok = await parseOnWorkers(script, texts, toParse, cached, workers, build, options.onParsed, store).then(
      () => true,
      (error: Error) => {
        if (callerError) throw callerError.error;
        options.onWorkersFailed?.(error);
        return false;
      },
    );
    if (ok) return trees;
  }
  for (let i = trees.length; i < texts.length; i++) {
    let tree: PyTree;
    const arrays = cached[i];
    if (arrays) {
      tree = treeFromArrays(texts[i]!, language!, arrays);
    } else if (cache) {
      const parsed = parseArrays(parser, texts[i]!);
      cache.put(keys[i]!, parsed);
      tree = treeFromArrays(texts[i]!, language!, parsed);
      options.onParsed?.();
    } else {
      tree = parsePython(parser, texts[i]!);
      options.onParsed?.();
    }
    trees.push(tree);
    options.onTree?.(i, tree);
  }
  return trees;
}

/** What `parsePython` builds its tree from. */
function parseArrays(parser: Parser, text: string): FlatArrays {
  const wasm = parser.parse(text);
  if (!wasm) throw new Error('tree-sitter returned no tree');
  try {
    return flattenArrays(wasm);
  } finally {
    wasm.delete();
  }
}

/**
 * Parses the texts at the indexes `toParse` on `count` workers; `ready` holds
 * the arrays of the others. Every tree is built in file order. With `store`
 * (one entry path per index of `toParse`), the workers store the arrays they make.
 */
function parseOnWorkers(
  script: URL,
  texts: string[],
  toParse: number[],
  ready: (FlatArrays | undefined)[],
  count: number,
  build: (arrays: FlatArrays) => void,
  onParsed?: () => void,
  store?: string[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    const results = Array.from({ length: texts.length }, (_, i) => ready[i]);
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let built = 0;
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      for (const worker of pool) void worker.terminate();
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    const feed = (worker: Worker) => {
      if (next >= toParse.length) return;
      const from = next;
      next = Math.min(toParse.length, next + BATCH_SIZE);
      const batch = toParse.slice(from, next);
      worker.postMessage({ from, texts: batch.map((i) => texts[i]!), ...(store ? { store: store.slice(from, next) } : {}) } satisfies ParseBatch);
    };
    const buildReady = () => {
      try {
        while (built < texts.length && results[built]) {
          const arrays = results[built]!;
          results[built++] = undefined;
          build(arrays);
        }
      } catch (error) {
        settle(error);
        return false;
      }
      return true;
    };
    if (!toParse.length) {
      if (buildReady()) settle();
      return;
    }
    const started = Math.min(count, Math.ceil(toParse.length / BATCH_SIZE));
    for (let i = 0; i < started; i++) {
      const worker = new Worker(script);
      pool.push(worker);
      worker.on('message', ({ from, trees }: ParsedBatch) => {
        if (settled) return;
        // The next batch first: the worker parses it while this thread builds trees.
        feed(worker);
        trees.forEach((arrays, k) => {
          results[toParse[from + k]!] = arrays;
          onParsed?.();
        });
        done += trees.length;
        if (buildReady() && done === toParse.length) settle();
      });
      worker.on('error', settle);
      worker.on('exit', (code) => {
        if (done < toParse.length) settle(new Error(`a parse worker exited (code ${code})`));
      });
      // Two batches each, so a worker never waits for this thread to send the next.
      feed(worker);
      feed(worker);
    }
  });
}
