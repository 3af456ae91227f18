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
  /** Told why the workers were given up, before the files are parsed again on this thread. */
  onWorkersFailed?: (error: Error) => void;
}

/** One tree per text, in order. A worker that fails makes the whole parse run again on this thread. */
export async function parseFiles(parser: Parser, texts: string[], options: ParseFilesOptions = {}): Promise<PyTree[]> {
  const cores = availableParallelism();
  const workers = options.workers ?? (texts.length >= MIN_FILES_FOR_WORKERS && cores > 1 ? Math.min(2, cores) : 0);
  const script = options.workerScript ?? new URL('./parse-worker.js', import.meta.url);
  const language = parser.language;
  // Run from the TypeScript sources (the tests), there is no compiled worker to start.
  if (workers > 0 && language && existsSync(fileURLToPath(script))) {
    const arrays = await parseOnWorkers(script, texts, workers, options.onParsed).catch((error: Error) => {
      options.onWorkersFailed?.(error);
      return undefined;
    });
    if (arrays) return arrays.map((a, i) => treeFromArrays(texts[i]!, language, a));
  }
  return texts.map((text) => {
    const tree = parsePython(parser, text);
    options.onParsed?.();
    return tree;
  });
}

function parseOnWorkers(script: URL, texts: string[], count: number, onParsed?: () => void): Promise<FlatArrays[]> {
  return new Promise((resolve, reject) => {
    const results = new Array<FlatArrays>(texts.length);
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;
    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      for (const worker of pool) void worker.terminate();
      if (error === undefined) resolve(results);
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
        trees.forEach((arrays, k) => {
          results[from + k] = arrays;
          onParsed?.();
        });
        done += trees.length;
        if (done === texts.length) settle();
        else feed(worker);
      });
      worker.on('error', settle);
      worker.on('exit', (code) => {
        if (done < texts.length) settle(new Error(`a parse worker exited (code ${code})`));
      });
      feed(worker);
    }
  });
}
