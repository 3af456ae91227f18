// The write transaction on real files: order, compare-before-replace with the
// files that depend on a changed one, metadata, hard links, symlinks, the lock
// and recovery of a journal left behind.
import { chownSync, chmodSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { acquireLock, LockedError, orderWrites, recoverJournal, recoverProjectJournal, writeTransaction, type WriteItem } from './journal.js';
import { sha256, snapshotOf } from './write.js';

const scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'awaitify-journal-')));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

/** A project folder with `files`, and its (non-git) journal folder. */
function project(files: Record<string, string>): { root: string; journal: string } {
  const root = path.join(scratch, `p${++counter}`);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return { root, journal: path.join(root, '.awaitify') };
}

function item(root: string, rel: string, text: string, requires: WriteItem['requires'] = []): WriteItem {
  const absPath = path.join(root, rel);
  const before = snapshotOf(absPath);
  return {
    path: rel,
    absPath,
    bytes: Buffer.from(text),
    ...(before ? { before: { sha256: before.sha256, size: before.size, mtimeMs: before.mtimeMs } } : {}),
    requires,
  };
}

const read = (root: string, rel: string) => readFileSync(path.join(root, rel), 'utf8');

/** Every file under `dir` (journal and temp files included), sorted. */
function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => !d.isDirectory())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)))
    .sort();
}

describe('orderWrites', () => {
  it('puts each file after the files it requires, ties and cycles broken by path', () => {
    const order = orderWrites([
      { path: 'b', requires: [{ path: 'c' }] },
      { path: 'a', requires: [] },
      { path: 'c', requires: [] },
      { path: 'x', requires: [{ path: 'y' }] },
      { path: 'y', requires: [{ path: 'x' }] },
    ]);
    expect(order.map((o) => o.path)).toEqual(['a', 'c', 'b', 'x', 'y']);
  });
});

describe('writeTransaction', () => {
  it('writes every file, keeps the mode, and leaves no temp, backup or journal behind', async () => {
    const { root, journal } = project({ 'a.js': 'a1\n', 'b.js': 'b1\n' });
    chmodSync(path.join(root, 'b.js'), 0o640);
    const outcome = await writeTransaction(journal, [item(root, 'a.js', 'a2\n'), item(root, 'b.js', 'b2\n', [{ path: 'a.js', why: 'b needs a' }])]);
    expect(outcome).toEqual({ written: ['a.js', 'b.js'], failed: new Map() });
    expect([read(root, 'a.js'), read(root, 'b.js')]).toEqual(['a2\n', 'b2\n']);
    expect(statSync(path.join(root, 'b.js')).mode & 0o777).toBe(0o640);
    expect(listAll(root)).toEqual(['a.js', 'b.js']);
  });

  it('does not write a file that changed since it was read, nor the files that require it', async () => {
    const { root, journal } = project({ 'caller.js': 'c1\n', 'callee.js': 'd1\n', 'other.js': 'o1\n' });
    const items = [
      item(root, 'caller.js', 'c2\n'),
      item(root, 'callee.js', 'd2\n', [{ path: 'caller.js', why: '`load` becomes async, and caller.js:3 must await it' }]),
      item(root, 'other.js', 'o2\n'),
    ];
    writeFileSync(path.join(root, 'caller.js'), 'c1 edited\n');
    const outcome = await writeTransaction(journal, items);
    expect(outcome.written).toEqual(['other.js']);
    expect(outcome.failed.get('caller.js')).toMatch(/^changed during the run: its content differs from what was analysed \(3 → 10 bytes, modified .*\); not written$/);
    expect(outcome.failed.get('callee.js')).toBe('not written: `load` becomes async, and caller.js:3 must await it, and caller.js was not written');
    expect([read(root, 'caller.js'), read(root, 'callee.js'), read(root, 'other.js')]).toEqual(['c1 edited\n', 'd1\n', 'o2\n']);
    expect(listAll(root)).toEqual(['callee.js', 'caller.js', 'other.js']);
  });

  it('restores a file of a cycle written before the one it requires fails', async () => {
    const { root, journal } = project({ 'x.py': 'x1\n', 'y.py': 'y1\n' });
    const items = [item(root, 'x.py', 'x2\n', [{ path: 'y.py', why: 'x needs y' }]), item(root, 'y.py', 'y2\n', [{ path: 'x.py', why: 'y needs x' }])];
    // y changes after staging, right before its rename: a change the staging did not see.
    const y = items[1];
    y.before = { ...y.before!, sha256: sha256(Buffer.from('something else\n')) };
    const outcome = await writeTransaction(journal, items);
    expect(outcome.written).toEqual([]);
    expect(outcome.failed.get('x.py')).toBe('not written: x needs y, and y.py was not written');
    expect([read(root, 'x.py'), read(root, 'y.py')]).toEqual(['x1\n', 'y1\n']);
  });

  it('writes a hard-linked file in place, so every link sees the new content', async () => {
    const { root, journal } = project({ 'a.js': 'a1\n' });
    const other = path.join(scratch, `link-${counter}.js`);
    linkSync(path.join(root, 'a.js'), other);
    const ino = statSync(other).ino;
    await writeTransaction(journal, [item(root, 'a.js', 'a2, longer\n')]);
    expect(readFileSync(other, 'utf8')).toBe('a2, longer\n');
    expect(statSync(path.join(root, 'a.js'))).toMatchObject({ ino, nlink: 2 });
    expect(listAll(root)).toEqual(['a.js']);
  });

  it('writes through a symlinked file to its target, which stays a link', async () => {
    const { root, journal } = project({ 'real/a.js': 'a1\n' });
    symlinkSync('real/a.js', path.join(root, 'link.js'));
    await writeTransaction(journal, [item(root, 'link.js', 'a2\n')]);
    expect(lstatSync(path.join(root, 'link.js')).isSymbolicLink()).toBe(true);
    expect(read(root, 'real/a.js')).toBe('a2\n');
    expect(listAll(root)).toEqual(['link.js', 'real/a.js']);
  });

  it.skipIf(process.getuid?.() !== 0)('keeps the owner and group of a file owned by another user (run as root)', async () => {
    const { root, journal } = project({ 'a.js': 'a1\n' });
    chownSync(path.join(root, 'a.js'), 4321, 4322);
    await writeTransaction(journal, [item(root, 'a.js', 'a2\n')]);
    expect(statSync(path.join(root, 'a.js'))).toMatchObject({ uid: 4321, gid: 4322 });
    expect(read(root, 'a.js')).toBe('a2\n');
  });

  it('creates a new file only when its name is still free', async () => {
    const { root, journal } = project({ 'a.js': 'a1\n' });
    const created = item(root, 'helper.js', 'h\n');
    const user = item(root, 'a.js', 'a2\n', [{ path: 'helper.js', why: 'it imports helper.js, which this run creates' }]);
    writeFileSync(path.join(root, 'helper.js'), 'someone else\n');
    const outcome = await writeTransaction(journal, [created, user]);
    expect(outcome.failed.get('helper.js')).toBe('helper.js was created by someone else during the run; not written');
    expect(read(root, 'a.js')).toBe('a1\n');
    expect(read(root, 'helper.js')).toBe('someone else\n');
  });
});

describe('lock and recovery', () => {
  it('refuses a second holder naming the first, and takes over the lock of a dead process with a note', () => {
    const { journal } = project({});
    const release = acquireLock(journal, () => undefined);
    let error: unknown;
    try {
      acquireLock(journal, () => undefined);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(LockedError);
    expect((error as LockedError).message).toMatch(new RegExp(`^another awaitify --write is running on this project \\(pid ${process.pid}, started .*\\); wait for it to finish`));
    release();
    expect(existsSync(journal)).toBe(false);

    mkdirSync(journal);
    writeFileSync(path.join(journal, 'lock'), JSON.stringify({ pid: 2 ** 22 + 1, host: os.hostname(), started: 'earlier', command: 'awaitify migrate --write' }));
    const notes: string[] = [];
    acquireLock(journal, (n) => notes.push(n))();
    expect(notes).toEqual([`took over the lock of an earlier run that ended without releasing it (pid ${2 ** 22 + 1}, started earlier)`]);
  });

  it('finds the journal a run left in .awaitify/ before the project became a git work tree', () => {
    const { root, journal } = project({ 'a.js': 'a1\n', '.awaitify/.gitignore': '*\n' });
    const temp = path.join(root, '.a.js.awaitify-1-2.tmp');
    writeFileSync(temp, 'a2\n');
    const entry = { path: 'a.js', target: path.join(root, 'a.js'), temp, method: 'rename', after: { sha256: sha256(Buffer.from('a2\n')), size: 3 }, requires: [] };
    writeFileSync(path.join(journal, 'journal.json'), JSON.stringify({ version: 1, pid: 1, started: 'then', command: 'awaitify migrate --write', state: 'staging', entries: [entry] }));
    execFileSync('git', ['init', '-q'], { cwd: root });
    expect(recoverProjectJournal(root, 'complete')).toEqual({ pid: 1, started: 'then', action: 'discarded', written: [], restored: [], failed: [], removed: 1 });
    expect(readdirSync(root).sort()).toEqual(['.git', 'a.js']);
  });

  it('finds nothing to recover when there is no journal', () => {
    const { journal } = project({});
    expect(recoverJournal(journal, 'complete')).toBeUndefined();
  });
});
