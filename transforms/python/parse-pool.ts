// Parsing a project's Python files, on two worker threads when there are
// enough files to pay for starting them (each loads the grammar). The trees
// are the same whichever thread parsed them, and they are built on this
// thread in file order, so node ids, and everything after, do not change.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Parser } from 'web-tree-sitter';
import type { ParseBatch, ParsedBatch } from './parse-worker.js';
import { parsePython } from './parser.js';
import { treeFromArrays, type FlatArrays, type PyTree } from './tree.js';

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
}

/** One tree per text, in order. A worker that fails makes the files not yet built parse on this thread. */
export async function parseFiles(parser: Parser, texts: string[], options: ParseFilesOptions = {}): Promise<PyTree[]> {
  const cores = availableParallelism();
  const workers = options.workers ?? (texts.length >= MIN_FILES_FOR_WORKERS && cores > 1 ? Math.min(2, cores) : 0);
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
    const ok = await parseOnWorkers(script, texts, workers, build, options.onParsed).then(
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
    const tree = parsePython(parser, texts[i]!);
    trees.push(tree);
    options.onParsed?.();
    options.onTree?.(i, tree);
  }
  return trees;
}

function parseOnWorkers(script: URL, texts: string[], count: number, build: (arrays: FlatArrays) => void, onParsed?: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const results = new Array<FlatArrays | undefined>(texts.length);
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
      if (next >= texts.length) return;
      const from = next;
      next = Math.min(texts.length, next + BATCH_SIZE);
      worker.postMessage({ from, texts: texts.slice(from, next) } satisfies ParseBatch);
    };
    if (!texts.length) return settle();
    const started = Math.min(count, Math.ceil(texts.length / BATCH_SIZE));
    for (let i = 0; i < started; i++) {
      const worker = new Worker(script);
      pool.push(worker);
      worker.on('message', ({ from, trees }: ParsedBatch) => {
        if (settled) return;
        // The next batch first: the worker parses it while this thread builds trees.
        feed(worker);
        trees.forEach((arrays, k) => {
          results[from + k] = arrays;
          onParsed?.();
        });
        done += trees.length;
        try {
          while (built < texts.length && results[built]) {
            const arrays = results[built]!;
            results[built++] = undefined;
            build(arrays);
          }
        } catch (error) {
          return settle(error);
        }
        if (done === texts.length) settle();
      });
      worker.on('error', settle);
      worker.on('exit', (code) => {
        if (done < texts.length) settle(new Error(`a parse worker exited (code ${code})`));
      });
      // Two batches each, so a worker never waits for this thread to send the next.
      feed(worker);
      feed(worker);
    }
  });
}
