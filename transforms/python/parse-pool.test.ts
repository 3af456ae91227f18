// Trees parsed on worker threads are the trees parsed on this thread.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFiles } from './parse-pool.js';
import { loadPythonParser } from './parser.js';
import type { PyTree } from './tree.js';

const compiledWorker = pathToFileURL(path.resolve(import.meta.dirname, '../../dist/transforms/python/parse-worker.js'));

const TEXTS = Array.from({ length: 40 }, (_, i) =>
  i % 7 === 3 ? `def f${i}(:\n    pass\n` : `# ü ${i}\nimport time\n\n\ndef view${i}(request):\n    time.sleep(${i})\n    return {"k": [x for x in range(${i})]}\n`,
);

function shape(tree: PyTree): unknown {
  const out: unknown[] = [];
  for (let i = 0; i < tree.count; i++) {
    const n = tree.node(i);
    out.push([n.type, n.startIndex, n.endIndex, n.parent?.index ?? -1, n.isNamed, n.hasError, n.isMissing, n.namedChildren.map((c) => c.index), n.childForFieldName('name')?.index]);
  }
  return out;
}

describe('parseFiles', () => {
  it('gives the same trees, in order, on two workers as on this thread', async () => {
    // parseFiles falls back to this thread when the script is missing: without the compiled
    // worker this case would compare this thread with itself.
    expect(existsSync(fileURLToPath(compiledWorker)), `${fileURLToPath(compiledWorker)} (build first)`).toBe(true);
    const parser = await loadPythonParser();
    const here = await parseFiles(parser, TEXTS, { workers: 0 });
    const failures: Error[] = [];
    let parsed = 0;
    const there = await parseFiles(parser, TEXTS, { workers: 2, workerScript: compiledWorker, onWorkersFailed: (e) => failures.push(e), onParsed: () => parsed++ });
    expect(failures).toEqual([]);
    expect(parsed).toBe(TEXTS.length);
    expect(there.map(shape)).toEqual(here.map(shape));
    expect(there.map((t) => t.text)).toEqual(TEXTS);
  });

  it('parses on this thread when a worker cannot start', async () => {
    const parser = await loadPythonParser();
    const failures: Error[] = [];
    const missing = pathToFileURL(path.resolve(import.meta.dirname, 'parse-pool.test.ts'));
    const trees = await parseFiles(parser, TEXTS.slice(0, 20), { workers: 2, workerScript: missing, onWorkersFailed: (e) => failures.push(e) });
    expect(failures.length).toBe(1);
    expect(trees.map(shape)).toEqual((await parseFiles(parser, TEXTS.slice(0, 20), { workers: 0 })).map(shape));
  });
});

describe('parseFiles onTree', () => {
  it('is given each tree in file order, on two workers and on this thread', async () => {
    const parser = await loadPythonParser();
    for (const workers of [0, 2]) {
      const seen: [number, PyTree][] = [];
      const trees = await parseFiles(parser, TEXTS, { workers, workerScript: compiledWorker, onTree: (i, tree) => seen.push([i, tree]) });
      expect(seen.map(([i]) => i)).toEqual(TEXTS.map((_, i) => i));
      expect(seen.map(([, t]) => t)).toEqual(trees);
      // Ids follow file order whichever thread parsed.
      expect(trees.every((t, i) => i === 0 || t.rootNode.id > trees[i - 1]!.rootNode.id)).toBe(true);
    }
  });

  it('throws what onTree throws instead of parsing again on this thread', async () => {
    const parser = await loadPythonParser();
    const failures: Error[] = [];
    const run = parseFiles(parser, TEXTS, {
      workers: 2,
      workerScript: compiledWorker,
      onWorkersFailed: (e) => failures.push(e),
      onTree: (i) => {
        if (i === 20) throw new Error('caller failed at 20');
      },
    });
    await expect(run).rejects.toThrow('caller failed at 20');
    expect(failures).toEqual([]);
  });
});
