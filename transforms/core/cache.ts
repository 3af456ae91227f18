// The content-hash cache (`--cache`): what a run computed from one file's text
// alone (a Python file's flattened syntax tree) kept on disk, so the next run
// over the same text reads it instead of computing it again. An entry's key
// is a hash of everything its value depends on (the text, awaitify's version,
// the grammar, the format); the adapter that stores an entry chooses the key.
// Nothing here knows what the values mean, and a value read back is exactly
// the bytes stored or nothing: a run with the cache gives the output of a run
// without it.
//
// Where: `node_modules/.cache/awaitify/` when the project has node_modules
// (the convention of Babel, ESLint, Prettier), else `.awaitify-cache/` at the
// project root with a `.gitignore` of `*`, so git never sees it. The
// directory is made on the first write; a run that stores nothing leaves no
// trace. Every failure to read or write (a read-only directory, a full disk,
// an entry cut short or changed) makes the entry a miss: the cache can make a
// run slower, never different, and never fail it.
//
// Each entry is one file, written to a temporary name and renamed into place
// (readers see the whole entry or none), holding a header (magic, length,
// SHA-1 of the payload) checked on every read. The directory is kept under a
// size bound: after a run that stored entries, the least recently used (by
// modification time, refreshed on every hit) go first.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Changes when the layout of the directory or of an entry's header changes. */
export const CACHE_FORMAT = 1;
/** The default size bound of a cache directory. */
export const DEFAULT_CACHE_BYTES = 1024 * 1024 * 1024;

const MAGIC = Buffer.from(`AWTFYC${String(CACHE_FORMAT).padStart(2, '0')}`, 'latin1');
/** magic, payload length (u32 LE), SHA-1 of the payload */
const HEADER_BYTES = MAGIC.length + 4 + 20;
/** Temporary files of a run that died between write and rename are removed after this long. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/** The cache's directory for a project: `dir` when given (relative to cwd), else the conventional place under `root`. */
export function cacheDirectory(root: string, dir?: string, cwd = process.cwd()): string {
  if (dir !== undefined) return path.resolve(cwd, dir);
  const modules = path.join(root, 'node_modules');
  return existsSync(modules) ? path.join(modules, '.cache', 'awaitify') : path.join(root, '.awaitify-cache');
}

export interface ContentCacheOptions {
  /** The size bound, in bytes (DEFAULT_CACHE_BYTES). */
  maxBytes?: number;
}

export class ContentCache {
  readonly maxBytes: number;
  /** Entries found, and missed (absent, unreadable or damaged), since the cache was opened. */
  hits = 0;
  misses = 0;
  /** Entries this process asked to store (some may be stored by worker threads). */
  private stores = 0;
  /** Set by the first write that fails: the directory is not written again by this process. */
  private unwritable = false;
  private made = false;

  constructor(
    readonly dir: string,
    options: ContentCacheOptions = {},
  ) {
    this.maxBytes = options.maxBytes ?? DEFAULT_CACHE_BYTES;
  }

  /** A key: the hex SHA-256 of the parts, each length-prefixed so no two lists of parts give the same input. */
  static key(...parts: (string | Uint8Array)[]): string {
    const hash = createHash('sha256');
    hash.update(`awaitify-cache-${CACHE_FORMAT}\0`);
    for (const part of parts) {
      // Strings as UTF-16 code units: every JS string, lone surrogates included, hashes differently.
      const bytes = typeof part === 'string' ? Buffer.from(part, 'utf16le') : part;
      hash.update(`${typeof part === 'string' ? 's' : 'b'}${bytes.byteLength}:`);
      hash.update(bytes);
    }
    return hash.digest('hex');
  }

  /** The payload stored under `kind`/`key`, or undefined (a miss). */
  read(kind: string, key: string): Buffer | undefined {
    const file = this.entryPath(kind, key);
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch {
      this.misses++;
      return undefined;
    }
    const payload = unpackEntry(data);
    if (!payload) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Recently used: pruning keeps it. A read-only directory keeps the old time, which only matters to pruning.
    try {
      const now = new Date();
      utimesSync(file, now, now);
    } catch {
      // ignored: see above
    }
    return payload;
  }

  /** Stores `payload` (the concatenation of the chunks) under `kind`/`key`; false when it could not. */
  write(kind: string, key: string, chunks: readonly Uint8Array[]): boolean {
    this.stores++;
    if (this.unwritable) return false;
    if (!this.prepare(kind) || !writeEntry(this.entryPath(kind, key), chunks)) {
      this.unwritable = true;
      return false;
    }
    return true;
  }

  /**
   * Makes the directory of `kind` (and the cache directory with its marker
   * files) so that a worker thread can write there with `writeEntry`; false when
   * it cannot be made.
   */
  prepare(kind: string): boolean {
    if (this.unwritable) return false;
    try {
      if (!this.made) {
        mkdirSync(this.dir, { recursive: true });
        // A cache directory outside node_modules keeps itself out of git, and says what it is to backup tools.
        if (!this.dir.split(path.sep).includes('node_modules')) writeIfMissing(path.join(this.dir, '.gitignore'), '# made by awaitify: its cache, never committed\n*\n');
        writeIfMissing(path.join(this.dir, 'CACHEDIR.TAG'), 'Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by awaitify.\n');
        this.made = true;
      }
      mkdirSync(path.join(this.dir, kind), { recursive: true });
      return true;
    } catch {
      this.unwritable = true;
      return false;
    }
  }

  /** Counts an entry stored by another thread (through `writeEntry`), so that `finish` prunes. */
  noteStored(count = 1): void {
    this.stores += count;
  }

  /** The path of an entry, for `writeEntry` on another thread. */
  entryPath(kind: string, key: string): string {
    return path.join(this.dir, kind, key);
  }

  /** After a run: keeps the directory under its size bound when the run stored entries. */
  finish(): void {
    if (this.stores && !this.unwritable) pruneCache(this.dir, this.maxBytes);
    this.stores = 0;
  }
}

/** The payload of an entry file, or undefined when the file is not a whole, intact entry. */
export function unpackEntry(data: Buffer): Buffer | undefined {
  if (data.length < HEADER_BYTES || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const length = data.readUInt32LE(MAGIC.length);
  if (data.length !== HEADER_BYTES + length) return undefined;
  const payload = data.subarray(HEADER_BYTES);
  const sum = data.subarray(MAGIC.length + 4, HEADER_BYTES);
  return createHash('sha1').update(payload).digest().equals(sum) ? payload : undefined;
}

/** Writes an entry atomically (a temporary file renamed into place); false when it could not. Safe on any thread. */
export function writeEntry(file: string, chunks: readonly Uint8Array[]): boolean {
  const hash = createHash('sha1');
  let length = 0;
  for (const chunk of chunks) {
    hash.update(chunk);
    length += chunk.byteLength;
  }
  if (length > 0xffffffff) return false;
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header);
  header.writeUInt32LE(length, MAGIC.length);
  hash.digest().copy(header, MAGIC.length + 4);
  const temp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(temp, Buffer.concat([header, ...chunks]));
    renameSync(temp, file);
    return true;
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // never written
    }
    return false;
  }
}

/**
 * Removes the least recently used entries until the directory holds at most
 * three quarters of `maxBytes` (when it holds more than `maxBytes`), and
 * temporary files left by runs that died.
 */
export function pruneCache(dir: string, maxBytes: number, now = Date.now()): void {
  const entries: { file: string; size: number; used: number }[] = [];
  let total = 0;
  let kinds: string[];
  try {
    kinds = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return;
  }
  for (const kind of kinds) {
    let names: string[];
    try {
      names = readdirSync(path.join(dir, kind));
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(dir, kind, name);
      try {
        const stat = statSync(file);
        if (name.endsWith('.tmp')) {
          if (now - stat.mtimeMs > STALE_TEMP_MS) unlinkSync(file);
          continue;
        }
        entries.push({ file, size: stat.size, used: stat.mtimeMs });
        total += stat.size;
      } catch {
        // gone meanwhile (another run pruning)
      }
    }
  }
  if (total <= maxBytes) return;
  entries.sort((a, b) => a.used - b.used);
  for (const entry of entries) {
    if (total <= maxBytes * 0.75) break;
    try {
      unlinkSync(entry.file);
      total -= entry.size;
    } catch {
      // gone meanwhile
    }
  }
}

function writeIfMissing(file: string, text: string): void {
  if (!existsSync(file)) writeFileSync(file, text);
}

export type TypedArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;
const ARRAY_TYPES: Record<string, new (length: number) => TypedArray> = { Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array };

/**
 * A record of typed arrays as the chunks of one payload: a JSON line naming
 * each array's field, type and length, then the arrays' bytes, each at an
 * offset that is a multiple of 8.
 */
export function encodeArrays<T extends { [K in keyof T]: TypedArray }>(record: T): Uint8Array[] {
  const arrays = Object.entries(record) as [string, TypedArray][];
  const fields = arrays.map(([name, array]) => [name, array.constructor.name, array.length] as const);
  const head = Buffer.from(`${JSON.stringify(fields)}\n`);
  const chunks: Uint8Array[] = [head];
  let offset = head.length;
  for (const [, array] of arrays) {
    const pad = (8 - (offset % 8)) % 8;
    if (pad) chunks.push(new Uint8Array(pad));
    chunks.push(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    offset += pad + array.byteLength;
  }
  return chunks;
}

/** The record `encodeArrays` stored, in fresh arrays; undefined when the payload is not one. */
export function decodeArrays(payload: Uint8Array): Record<string, TypedArray> | undefined {
  const newline = payload.indexOf(10);
  if (newline < 0) return undefined;
  let fields: unknown;
  try {
    fields = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, newline).toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(fields)) return undefined;
  const record: Record<string, TypedArray> = {};
  let offset = newline + 1;
  for (const field of fields) {
    if (!Array.isArray(field) || field.length !== 3) return undefined;
    const [name, type, length] = field as [unknown, unknown, unknown];
    const Ctor = typeof type === 'string' && Object.hasOwn(ARRAY_TYPES, type) ? ARRAY_TYPES[type] : undefined;
    if (typeof name !== 'string' || !Ctor || typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) return undefined;
    offset += (8 - (offset % 8)) % 8;
    const array = new Ctor(length);
    if (offset + array.byteLength > payload.byteLength) return undefined;
    new Uint8Array(array.buffer).set(payload.subarray(offset, offset + array.byteLength));
    offset += array.byteLength;
    record[name] = array;
  }
  return offset === payload.byteLength ? record : undefined;
}
