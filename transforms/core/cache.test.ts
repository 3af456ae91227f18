// The content-hash cache's store: whole entries or misses, never an error.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheDirectory, ContentCache, decodeArrays, encodeArrays, pruneCache, writeEntry } from './cache.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-cache-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let count = 0;
const fresh = () => path.join(scratch, `c${++count}`);
const bytes = (text: string) => [Buffer.from(text)];
/** Root writes through a mode of 0555: an immutable directory is read-only to root too. */
function readOnly(dir: string, on: boolean): void {
  if (process.getuid?.() === 0) execFileSync('chattr', [on ? '+i' : '-i', dir]);
  else chmodSync(dir, on ? 0o555 : 0o755);
}

describe('cacheDirectory', () => {
  it('is node_modules/.cache/awaitify when the project has node_modules, else .awaitify-cache, else the directory given', () => {
    const root = fresh();
    mkdirSync(root);
    expect(cacheDirectory(root)).toBe(path.join(root, '.awaitify-cache'));
    mkdirSync(path.join(root, 'node_modules'));
    expect(cacheDirectory(root)).toBe(path.join(root, 'node_modules', '.cache', 'awaitify'));
    expect(cacheDirectory(root, 'elsewhere', scratch)).toBe(path.join(scratch, 'elsewhere'));
  });
});

describe('ContentCache', () => {
  it('gives back what was stored, and misses what was not', () => {
    const cache = new ContentCache(fresh());
    expect(cache.read('k', 'a')).toBeUndefined();
    expect(cache.write('k', 'a', [Buffer.from('he'), Buffer.from('llo')])).toBe(true);
    expect(cache.read('k', 'a')?.toString()).toBe('hello');
    expect(cache.read('other', 'a')).toBeUndefined();
    expect([cache.hits, cache.misses]).toEqual([1, 2]);
  });

  it('makes the directory on the first write only, with a .gitignore of everything outside node_modules', () => {
    const dir = fresh();
    const cache = new ContentCache(dir);
    cache.read('k', 'a');
    expect(existsSync(dir)).toBe(false);
    cache.write('k', 'a', bytes('x'));
    expect(readFileSync(path.join(dir, '.gitignore'), 'utf8')).toBe('# made by awaitify: its cache, never committed\n*\n');
    expect(readFileSync(path.join(dir, 'CACHEDIR.TAG'), 'utf8')).toMatch(/^Signature: 8a477f597d28d172789f06886806bc55\n/);
    const modules = path.join(fresh(), 'node_modules', '.cache', 'awaitify');
    new ContentCache(modules).write('k', 'a', bytes('x'));
    expect(readdirSync(modules).sort()).toEqual(['CACHEDIR.TAG', 'k']);
  });

  it('misses an entry cut short, changed, or of another format, and never throws on one', () => {
    const cache = new ContentCache(fresh());
    cache.write('k', 'a', bytes('some payload'));
    const file = cache.entryPath('k', 'a');
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, whole.length - 1));
    expect(cache.read('k', 'a')).toBeUndefined();
    const changed = Buffer.from(whole);
    changed[changed.length - 1]! ^= 1;
    writeFileSync(file, changed);
    expect(cache.read('k', 'a')).toBeUndefined();
    const otherFormat = Buffer.from(whole);
    otherFormat[7] = '9'.charCodeAt(0);
    writeFileSync(file, otherFormat);
    expect(cache.read('k', 'a')).toBeUndefined();
    writeFileSync(file, '');
    expect(cache.read('k', 'a')).toBeUndefined();
    writeFileSync(file, whole);
    expect(cache.read('k', 'a')?.toString()).toBe('some payload');
  });

  it('leaves no temporary file behind, and replaces an entry whole', () => {
    const cache = new ContentCache(fresh());
    cache.write('k', 'a', bytes('one'));
    expect(writeEntry(cache.entryPath('k', 'a'), bytes('two'))).toBe(true);
    expect(readdirSync(path.join(cache.dir, 'k'))).toEqual(['a']);
    expect(cache.read('k', 'a')?.toString()).toBe('two');
  });

  it('reads a read-only directory, and writing there fails quietly', () => {
    const dir = fresh();
    const cache = new ContentCache(dir);
    cache.write('k', 'a', bytes('kept'));
    readOnly(path.join(dir, 'k'), true);
    try {
      const again = new ContentCache(dir);
      expect(again.read('k', 'a')?.toString()).toBe('kept');
      expect(again.write('k', 'b', bytes('new'))).toBe(false);
      expect(again.read('k', 'b')).toBeUndefined();
      expect(() => again.finish()).not.toThrow();
    } finally {
      readOnly(path.join(dir, 'k'), false);
    }
  });

  it('writing where no directory can be made fails quietly', () => {
    const file = path.join(fresh());
    writeFileSync(file, 'a file, not a directory');
    const cache = new ContentCache(path.join(file, 'cache'));
    expect(cache.write('k', 'a', bytes('x'))).toBe(false);
    expect(cache.prepare('k')).toBe(false);
    expect(cache.read('k', 'a')).toBeUndefined();
    expect(() => cache.finish()).not.toThrow();
  });

  it('keys differ when any part, or the split between parts, differs', () => {
    const keys = [
      ContentCache.key('a', 'bc'),
      ContentCache.key('ab', 'c'),
      ContentCache.key('a', 'bd'),
      ContentCache.key('a', Buffer.from('bc', 'utf16le')),
      // Lone surrogates are not folded into U+FFFD.
      ContentCache.key('\ud800'),
      ContentCache.key('\ufffd'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(ContentCache.key('a', 'bc')).toBe(keys[0]);
  });
});

describe('pruneCache', () => {
  it('removes the least recently used entries down to three quarters of the bound, and dead temporary files', () => {
    const dir = fresh();
    const cache = new ContentCache(dir, { maxBytes: 1000 });
    const payload = bytes('x'.repeat(200 - 34));
    const base = Date.now() / 1000 - 10_000;
    for (let i = 0; i < 6; i++) {
      cache.write('k', `e${i}`, payload);
      utimesSync(cache.entryPath('k', `e${i}`), base + i, base + i);
    }
    // e0 is read: it becomes the most recently used.
    expect(cache.read('k', 'e0')).toBeDefined();
    const temp = `${cache.entryPath('k', 'e9')}.1-abcd.tmp`;
    writeFileSync(temp, 'half');
    utimesSync(temp, base, base);
    cache.finish();
    expect(readdirSync(path.join(dir, 'k')).sort()).toEqual(['e0', 'e4', 'e5']);
  });

  it('does nothing under the bound, and after a run that stored nothing', () => {
    const dir = fresh();
    const cache = new ContentCache(dir, { maxBytes: 1000 });
    cache.write('k', 'a', bytes('x'.repeat(300)));
    cache.write('k', 'b', bytes('x'.repeat(300)));
    cache.finish();
    expect(readdirSync(path.join(dir, 'k')).length).toBe(2);
    const again = new ContentCache(dir, { maxBytes: 100 });
    again.read('k', 'a');
    again.finish();
    expect(readdirSync(path.join(dir, 'k')).length).toBe(2);
    pruneCache(dir, 100);
    expect(readdirSync(path.join(dir, 'k')).length).toBe(0);
  });
});

describe('encodeArrays / decodeArrays', () => {
  it('gives back the same arrays, in fresh buffers', () => {
    const record = { a: new Uint16Array([1, 2, 65535]), b: new Int32Array([-1, 7]), c: new Uint8Array([]), d: new Uint32Array([4294967295]) };
    const decoded = decodeArrays(Buffer.concat(encodeArrays(record)));
    expect(decoded).toEqual(record);
    expect(Object.keys(decoded!)).toEqual(['a', 'b', 'c', 'd']);
    expect(decoded!.b).toBeInstanceOf(Int32Array);
  });

  it('refuses a payload that is not one', () => {
    const good = Buffer.concat(encodeArrays({ a: new Int32Array([1, 2, 3]) }));
    for (const bad of [Buffer.from(''), Buffer.from('not json\n'), Buffer.from('[["a","Function",1]]\n'), good.subarray(0, good.length - 1), Buffer.concat([good, Buffer.from([0])])]) {
      expect(decodeArrays(bad)).toBeUndefined();
    }
    expect(decodeArrays(good)).toEqual({ a: new Int32Array([1, 2, 3]) });
  });
});
