// Python syntax trees in the content-hash cache (core/cache.ts): a file's
// flat tree arrays (tree.ts) depend on its text, the grammar, the tree-sitter
// runtime and the code that flattens them, and on nothing else; the key is a
// hash of all of these. A second run reads the arrays of every unchanged file
// instead of parsing and flattening it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Parser } from 'web-tree-sitter';
import { ContentCache, decodeArrays, encodeArrays } from '../core/cache.js';
import { grammarPath } from './parser.js';
import { flattenArrays, type FlatArrays } from './tree.js';

const KIND = 'py-tree';
const require = createRequire(import.meta.url);

export class TreeCache {
  private constructor(
    readonly cache: ContentCache,
    /** Everything but the text that an entry's arrays depend on, hashed. */
    private readonly salt: string,
    /** The arrays' names and types, as `flattenArrays` makes them: an entry of another layout is a miss. */
    private readonly layout: string,
  ) {}

  /** The tree cache in `cache`, for trees `parser` makes (`version`: awaitify's, given by tests). */
  static open(cache: ContentCache, parser: Parser, version = awaitifyVersion()): TreeCache {
    const sample = parser.parse('');
    if (!sample) throw new Error('tree-sitter returned no tree');
    let layout: string;
    try {
      layout = layoutOf(flattenArrays(sample));
    } finally {
      sample.delete();
    }
    return new TreeCache(cache, saltOf(layout, version), layout);
  }

  /** The key of a text's tree. */
  keyOf(text: string): string {
    return ContentCache.key(KIND, this.salt, text);
  }

  /** The arrays stored for a key, or undefined. */
  get(key: string): FlatArrays | undefined {
    const payload = this.cache.read(KIND, key);
    const record = payload && decodeArrays(payload);
    if (!record || layoutOf(record) !== this.layout) return undefined;
    return record as unknown as FlatArrays;
  }

  /** Stores a tree's arrays on this thread. */
  put(key: string, arrays: FlatArrays): void {
    this.cache.write(KIND, key, encodeArrays(arrays));
  }

  /**
   * Where a worker thread stores the arrays of these keys (core/cache.ts
   * `writeEntry`), or undefined when the cache directory cannot be written.
   */
  entryPaths(keys: string[]): string[] | undefined {
    if (!this.cache.prepare(KIND)) return undefined;
    this.cache.noteStored(keys.length);
    return keys.map((key) => this.cache.entryPath(KIND, key));
  }
}

function layoutOf(record: object): string {
  return JSON.stringify(Object.entries(record).map(([name, array]) => [name, (array as object).constructor.name]));
}

/**
 * awaitify's version, the bytes of the grammar and of the tree-sitter runtime,
 * and the source of the modules that parse and flatten (so a change to them in
 * development, under the same version, is a new key too).
 *
 * Hashing them (some 670 KB of wasm) is done once per process for the same
 * files: a language server opens the cache on every analysis. A file's path,
 * size and mtime stand for its bytes; a file replaced by one of the same size
 * and mtime is not seen (nor is it by the file list of a run).
 */
function saltOf(layout: string, version: string): string {
  const runtime = path.join(path.dirname(require.resolve('web-tree-sitter')), 'web-tree-sitter.wasm');
  const files = [grammarPath(), runtime, ...['tree', 'parser', 'parse-worker'].map(ownModule)];
  const memoKey = JSON.stringify([layout, version, files.map((file) => [file, fileStamp(file)])]);
  const memo = salts.get(memoKey);
  if (memo !== undefined) return memo;
  const hash = createHash('sha256');
  hash.update(`${layout}\0${version}\0`);
  for (const file of files) {
    hash.update(`${path.basename(file)}\0`);
    hash.update(existsSync(file) ? readFileSync(file) : 'missing');
  }
  const salt = hash.digest('hex');
  salts.set(memoKey, salt);
  return salt;
}

/** The salts computed in this process, by their inputs' names, versions and file stamps. */
const salts = new Map<string, string>();

function fileStamp(file: string): string {
  const stat = statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.size}:${stat.mtimeMs}` : 'missing';
}

/** This directory's compiled module, or its TypeScript source when run from the sources (tests). */
function ownModule(name: string): string {
  const compiled = fileURLToPath(new URL(`./${name}.js`, import.meta.url));
  return existsSync(compiled) ? compiled : fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
}

function awaitifyVersion(): string {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'awaitify-codemod') return pkg.version ?? '';
    }
    if (path.dirname(dir) === dir) return '';
  }
}
