// Trees parsed on worker threads are the trees parsed on this thread.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ContentCache } from '../core/cache.js';
import { TreeCache } from './parse-cache.js';
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

describe('parseFiles with a cache', () => {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-parse-cache-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  let count = 0;

  it('gives the same trees cold and warm, on workers and on this thread, and parses nothing the second time', async () => {
    const parser = await loadPythonParser();
    const plain = (await parseFiles(parser, TEXTS, { workers: 0 })).map(shape);
    for (const workers of [2, 0]) {
      const dir = path.join(scratch, `c${++count}`);
      const cold = new ContentCache(dir);
      const failures: Error[] = [];
      const first = await parseFiles(parser, TEXTS, { workers, workerScript: compiledWorker, cache: TreeCache.open(cold, parser), onWorkersFailed: (e) => failures.push(e) });
      expect(first.map(shape)).toEqual(plain);
      expect(failures).toEqual([]);
      expect([cold.hits, cold.misses]).toEqual([0, TEXTS.length]);
      // Stored by the workers (or this thread): one entry per text.
      expect(readdirSync(path.join(dir, 'py-tree')).length).toBe(TEXTS.length);
      for (const warmWorkers of [2, 0]) {
        const warm = new ContentCache(dir);
        const seen: number[] = [];
        let parsed = 0;
        const second = await parseFiles(parser, TEXTS, { workers: warmWorkers, workerScript: compiledWorker, cache: TreeCache.open(warm, parser), onTree: (i) => seen.push(i), onParsed: () => parsed++ });
        expect(second.map(shape)).toEqual(plain);
        expect(second.map((t) => t.text)).toEqual(TEXTS);
        expect(seen).toEqual(TEXTS.map((_, i) => i));
        expect(parsed).toBe(TEXTS.length);
        expect([warm.hits, warm.misses]).toEqual([TEXTS.length, 0]);
      }
    }
  });

  it('parses again an edited text, a damaged entry and the entries of another version, in file order', async () => {
    const parser = await loadPythonParser();
    const dir = path.join(scratch, `c${++count}`);
    await parseFiles(parser, TEXTS, { workers: 0, cache: TreeCache.open(new ContentCache(dir), parser) });
    const edited = TEXTS.map((t, i) => (i === 5 ? t.replace('time.sleep', 'time.sleep(0) or time.sleep') : t));
    const damaged = new ContentCache(dir);
    const file = damaged.entryPath('py-tree', TreeCache.open(damaged, parser).keyOf(TEXTS[7]!));
    const bytes = readFileSync(file);
    bytes[bytes.length - 3]! ^= 0xff;
    writeFileSync(file, bytes);
    const plain = (await parseFiles(parser, edited, { workers: 0 })).map(shape);
    for (const workers of [2, 0]) {
      const cache = new ContentCache(dir);
      const seen: number[] = [];
      const trees = await parseFiles(parser, edited, { workers, workerScript: compiledWorker, cache: TreeCache.open(cache, parser), onTree: (i) => seen.push(i) });
      expect(trees.map(shape)).toEqual(plain);
      expect(seen).toEqual(edited.map((_, i) => i));
      // The first pass stores both again: the second finds every tree.
      expect([cache.hits, cache.misses]).toEqual(workers === 2 ? [TEXTS.length - 2, 2] : [TEXTS.length, 0]);
    }
    const other = new ContentCache(dir);
    const trees = await parseFiles(parser, edited, { workers: 0, cache: TreeCache.open(other, parser, '0.0.0-another-version') });
    expect(trees.map(shape)).toEqual(plain);
    expect([other.hits, other.misses]).toEqual([0, TEXTS.length]);
  });
});
