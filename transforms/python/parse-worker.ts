// A parse worker: parses batches of Python sources and sends back their flat
// trees (transferred, not copied). See parse-pool.ts.
import { parentPort } from 'node:worker_threads';
import { encodeArrays, writeEntry } from '../core/cache.js';
import { loadPythonParser } from './parser.js';
import { flattenArrays, type FlatArrays } from './tree.js';

export interface ParseBatch {
  from: number;
  texts: string[];
  /** Per text, the cache entry to store its arrays in (parse-cache.ts), before they are sent. */
  store?: string[];
}

export interface ParsedBatch {
  from: number;
  trees: FlatArrays[];
}

const parser = await loadPythonParser();

parentPort?.on('message', ({ from, texts, store }: ParseBatch) => {
  const trees: FlatArrays[] = [];
  const transfer: ArrayBuffer[] = [];
  for (const [k, text] of texts.entries()) {
    const tree = parser.parse(text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    try {
      const arrays = flattenArrays(tree);
      // A failed write is a miss on the next run, nothing else.
      if (store) writeEntry(store[k]!, encodeArrays(arrays));
      trees.push(arrays);
      for (const array of Object.values(arrays)) transfer.push(array.buffer as ArrayBuffer);
    } finally {
      tree.delete();
    }
  }
  parentPort!.postMessage({ from, trees } satisfies ParsedBatch, transfer);
});
