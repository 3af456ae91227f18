// apply: files are written whole or not at all, and never with uncommitted work underneath.
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, fsyncSync, linkSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Writes bytes through a temp file in the same directory and a rename, keeping the file's mode. */
export function writeFileAtomic(absPath: string, bytes: Buffer): void {
  const mode = statSync(absPath).mode & 0o7777;
  const temp = writeTemp(absPath, bytes, mode);
  try {
    chmodSync(temp, mode);
    renameSync(temp, absPath);
  } catch (err) {
    removeQuietly(temp);
    throw err;
  }
}

/**
 * Creates a new file whole: the bytes go to a temp file that is then linked
 * to its name, which fails if the name exists, so nothing is overwritten.
 */
export function createFileAtomic(absPath: string, bytes: Buffer): void {
  const temp = writeTemp(absPath, bytes, 0o666);
  try {
    linkSync(temp, absPath);
  } finally {
    removeQuietly(temp);
  }
}

/** The bytes, flushed to disk, in a new temp file beside `absPath`; removed again if anything fails. */
function writeTemp(absPath: string, bytes: Buffer, mode: number): string {
  const temp = path.join(path.dirname(absPath), `.${path.basename(absPath)}.awaitify-${process.pid}-${Date.now()}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', mode);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    return temp;
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    removeQuietly(temp);
    throw err;
  }
}

function removeQuietly(file: string): void {
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
