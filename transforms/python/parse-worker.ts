// A parse worker: parses batches of Python sources and sends back their flat
// trees (transferred, not copied). See parse-pool.ts.
import { parentPort } from 'node:worker_threads';
import { loadPythonParser } from './parser.js';
import { flattenArrays, type FlatArrays } from './tree.js';

export interface ParseBatch {
  from: number;
  texts: string[];
}

export interface ParsedBatch {
  from: number;
  trees: FlatArrays[];
}

const parser = await loadPythonParser();

parentPort?.on('message', ({ from, texts }: ParseBatch) => {
  const trees: FlatArrays[] = [];
  const transfer: ArrayBuffer[] = [];
  for (const text of texts) {
    const tree = parser.parse(text);
    if (!tree) throw new Error('tree-sitter returned no tree');
    try {
      const arrays = flattenArrays(tree);
      trees.push(arrays);
      for (const array of Object.values(arrays)) transfer.push(array.buffer as ArrayBuffer);
    } finally {
      tree.delete();
    }
  }
  parentPort!.postMessage({ from, trees } satisfies ParsedBatch, transfer);
});
