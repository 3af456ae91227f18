// apply: the file operations of a write transaction (see journal.ts): staged
// temp files beside their targets, renames that keep a file's metadata and
// links, in-place writes for hard-linked files, and the dirty-tree check.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  closeSync,
  fsyncSync,
  ftruncateSync,
  linkSync,
  lstatSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';

/** What a file looked like when it was read: its bytes' hash, and size and mtime to name what changed. */
export interface FileSnapshot {
  sha256: string;
  size: number;
  mtimeMs: number;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The snapshot of a file as it is now, or undefined when it does not exist (or is not a regular file). */
export function snapshotOf(absPath: string): (FileSnapshot & { bytes: Buffer }) | undefined {
  let st: Stats;
  try {
    st = statSync(absPath);
  } catch {
    return undefined;
  }
  if (!st.isFile()) return undefined;
  const bytes = readFileSync(absPath);
  return { sha256: sha256(bytes), size: bytes.length, mtimeMs: st.mtimeMs, bytes };
}

/** Why `now` is not the file that was analysed (`before`), or undefined when it is the same. */
export function describeChange(before: FileSnapshot, now: FileSnapshot | undefined): string | undefined {
  if (!now) return 'it was deleted';
  if (now.sha256 === before.sha256) return undefined;
  const size = now.size === before.size ? `still ${now.size} bytes` : `${before.size} → ${now.size} bytes`;
  return `its content differs from what was analysed (${size}, modified ${new Date(now.mtimeMs).toISOString()})`;
}

/**
 * Where a file's bytes really live: a symlink is written through to its
 * target (and stays a link), never replaced by a regular file.
 */
export function writeTarget(absPath: string): string {
  try {
    return realpathSync(absPath);
  } catch {
    // A file to create: its directory must exist, the name is new.
    return path.join(realpathSync(path.dirname(absPath)), path.basename(absPath));
  }
}

let tempSerial = 0;

/** A new temp name beside `target`, of the form `.NAME.awaitify-PID-TS.tmp`. */
export function tempNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.awaitify-${process.pid}-${Date.now()}${tempSerial++ ? `-${tempSerial}` : ''}.tmp`);
}

/** Writes `bytes` to a new file (never an existing one) and flushes it to disk. */
export function writeNewFile(file: string, bytes: Buffer, mode = 0o666): void {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'wx', mode);
    writeAll(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    removeQuietly(file);
    throw err;
  }
}

function writeAll(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/**
 * Gives the staged `temp` the mode, owner and group of `target`. Returns false
 * when the owner or group cannot be kept (not permitted): the caller then
 * writes the target in place, which keeps them.
 */
export function copyMetadata(temp: string, meta: { mode: number; uid: number; gid: number }): boolean {
  const st = statSync(temp);
  let kept = true;
  if (st.uid !== meta.uid || st.gid !== meta.gid) {
    try {
      chownSync(temp, meta.uid, meta.gid);
    } catch {
      kept = false;
    }
  }
  // After chown, which may clear set-id bits.
  chmodSync(temp, meta.mode);
  return kept;
}

/** The metadata a rewrite keeps, of the file a path resolves to. */
export function metadataOf(target: string): { mode: number; uid: number; gid: number; links: number } {
  const st = statSync(target);
  return { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid, links: st.nlink };
}

/** Replaces `target` by `temp` (same directory): one atomic rename. Refuses to replace a symlink. */
export function replaceByRename(temp: string, target: string): void {
  if (lstatSync(target).isSymbolicLink()) throw new Error(`${target} is a symbolic link; awaitify writes through links, never over them`);
  renameSync(temp, target);
}

/** Creates `target` from `temp` (a hard link, which fails when the name exists), then drops the temp name. */
export function createFromTemp(temp: string, target: string): void {
  linkSync(temp, target);
  removeQuietly(temp);
}

/**
 * Rewrites `target` in place (same inode: hard links stay shared, owner and
 * group kept), flushed, then read back and compared with `bytes`.
 */
export function writeInPlace(target: string, bytes: Buffer): void {
  const fd = openSync(target, 'r+');
  try {
    writeAll(fd, bytes);
    // Truncating after writing: a reader never sees an empty file, only old bytes after new ones.
    ftruncateSync(fd, bytes.length);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const back = readFileSync(target);
  if (!back.equals(bytes)) throw new Error(`${target}: the bytes read back differ from those written`);
}

/** Flushes a directory's entries (the renames and links in it) to disk. */
export function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported on every platform or file system; the renames are done either way.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Never created, or already gone.
  }
}

/**
 * Of `absPaths`, the ones with uncommitted changes (modified, staged or
 * untracked) in the git work tree that holds them. Files outside any git work
 * tree are not reported: there is nothing to compare with.
 */
export function filesWithUncommittedChanges(absPaths: readonly string[]): string[] {
  const byTop = new Map<string, string[]>();
  const original = new Map<string, string>();
  for (const given of absPaths) {
    const abs = realpathSync(given);
    original.set(abs, given);
    const top = gitTopLevel(path.dirname(abs));
    if (!top) continue;
    const list = byTop.get(top) ?? [];
    list.push(abs);
    byTop.set(top, list);
  }
  const dirty: string[] = [];
  for (const [top, files] of byTop) {
    let out: string;
    try {
      out = execFileSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...files.map((f) => path.relative(top, f))], {
        cwd: top,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch {
      continue;
    }
    const changed = new Set<string>();
    const records = out.split('\0');
    for (let i = 0; i < records.length; i++) {
      const rec = records[i];
      if (rec.length < 4) continue;
      const status = rec.slice(0, 2);
      changed.add(path.resolve(top, rec.slice(3)));
      if (status[0] === 'R' || status[0] === 'C') i++; // the next record is the source path
    }
    for (const f of files) if (changed.has(f)) dirty.push(original.get(f) ?? f);
  }
  return dirty;
}

const topLevels = new Map<string, string | undefined>();

function gitTopLevel(dir: string): string | undefined {
  if (topLevels.has(dir)) return topLevels.get(dir);
  let top: string | undefined;
  try {
    top = execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || undefined;
  } catch {
    top = undefined;
  }
  topLevels.set(dir, top);
  return top;
}
