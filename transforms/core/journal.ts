// A `--write` is one transaction. Every output is staged first (a temp file
// beside its target, flushed, with the target's metadata), the original of
// every file is copied into the journal directory, and the journal is
// committed; only then are the targets replaced, in an order where each file
// comes after the files it needs (callers before the callees that become
// async: an `await` of a sync value is harmless in JavaScript). Right before
// each replacement the target is compared with what was analysed; a file that
// changed is not written, nor is any file that needs it.
//
// Interruptions: SIGINT/SIGTERM while staging discards the staged files;
// during the replacements the files already replaced are restored (the tree
// ends as it was), then the process exits 128+signal. A run killed outright
// (SIGKILL, a crash, power loss) leaves the journal: the next `--write` or
// `awaitify recover` completes it (or, with `recover --rollback`, undoes it).
//
// Where: `.git/awaitify/` inside a git work tree (git never shows it), else
// `.awaitify/` at the root, which holds a `.gitignore` of `*` and is removed
// when the run ends. The lock file there keeps a second `--write` out.
import { execFileSync } from 'node:child_process';
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  copyMetadata,
  createFromTemp,
  describeChange,
  fsyncDirectory,
  metadataOf,
  removeQuietly,
  replaceByRename,
  sha256,
  snapshotOf,
  tempNameFor,
  writeInPlace,
  writeNewFile,
  writeTarget,
  type FileSnapshot,
} from './write.js';

/** One file to write, in write order. */
export interface WriteItem {
  /** Root-relative path, for messages. */
  path: string;
  absPath: string;
  bytes: Buffer;
  /** The file as analysed; undefined for a file the run creates. */
  before?: FileSnapshot;
  /** Files (earlier in the order) that must be written for this one to be written, and why. */
  requires: { path: string; why: string }[];
}

export interface WriteOutcome {
  written: string[];
  /** Path → why it was not written. */
  failed: Map<string, string>;
}

/** What a recovery did with the journal of an interrupted run. */
export interface RecoveryReport {
  /** The interrupted run. */
  pid: number;
  started: string;
  /** 'completed': its remaining files were written; 'rolled back': its written files restored; 'discarded': it had not replaced any file yet. */
  action: 'completed' | 'rolled back' | 'discarded';
  written: string[];
  restored: string[];
  failed: { path: string; reason: string }[];
  /** Temp and backup files removed. */
  removed: number;
}

/** The run was stopped by a signal; what had been written is restored (see `outcome`). */
export class InterruptedError extends Error {
  constructor(
    readonly signal: NodeJS.Signals,
    readonly restored: string[],
    readonly failed: { path: string; reason: string }[],
  ) {
    super(
      `interrupted by ${signal}: ${restored.length ? `the ${restored.length} file(s) already written were restored` : 'no file had been written'}` +
        (failed.length ? `; could not restore: ${failed.map((f) => `${f.path} (${f.reason})`).join(', ')}` : '; the tree is as it was'),
    );
    this.name = 'InterruptedError';
  }
}

/** Another `--write` holds the lock of this project. */
export class LockedError extends Error {
  constructor(
    readonly holder: LockInfo,
    readonly lockFile: string,
  ) {
    super(
      `another awaitify --write is running on this project (pid ${holder.pid}${holder.host !== os.hostname() ? ` on ${holder.host}` : ''}, started ${holder.started}: ${holder.command}); ` +
        `wait for it to finish. If no such process exists, delete ${lockFile}`,
    );
    this.name = 'LockedError';
  }
}

export interface LockInfo {
  pid: number;
  host: string;
  started: string;
  command: string;
}

type Method = 'rename' | 'in-place' | 'create';

interface Entry {
  path: string;
  target: string;
  temp: string;
  backup?: string;
  method: Method;
  before?: FileSnapshot;
  after: { sha256: string; size: number };
  mode?: number;
  uid?: number;
  gid?: number;
  requires: { index: number; why: string }[];
  /** Set when the entry was dropped before the commit, with the reason. */
  failed?: string;
}

interface Journal {
  version: 1;
  pid: number;
  started: string;
  command: string;
  state: 'staging' | 'committed' | 'rolling-back';
  entries: Entry[];
}

const JOURNAL = 'journal.json';
const PROGRESS = 'progress';
const LOCK = 'lock';

/** The journal directory of a project: inside the git directory when there is one. */
export function journalDir(root: string): string {
  try {
    const gitDir = execFileSync('git', ['rev-parse', '--absolute-git-dir'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (gitDir) return path.join(gitDir, 'awaitify');
  } catch {
    // Not in a git work tree.
  }
  return path.join(root, '.awaitify');
}

function ensureDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  // Outside git the folder sits among the user's files: it ignores itself (and is removed at the end).
  if (path.basename(dir) === '.awaitify' && !existsSync(path.join(dir, '.gitignore'))) writeFileSync(path.join(dir, '.gitignore'), '*\n');
}

/** Removes the journal directory when nothing but its own .gitignore is left. */
function removeDirIfEmpty(dir: string): void {
  try {
    const left = readdirSync(dir);
    if (left.some((f) => f !== '.gitignore')) return;
    removeQuietly(path.join(dir, '.gitignore'));
    rmdirSync(dir);
  } catch {
    // Gone already, or someone else's file is there.
  }
}

/**
 * Takes the project's write lock, or throws LockedError naming the run that
 * holds it. A lock left by a process that no longer exists (on this host) is
 * taken over, and `note` says so. Returns the release function.
 */
export function acquireLock(dir: string, note: (message: string) => void): () => void {
  ensureDir(dir);
  const lockFile = path.join(dir, LOCK);
  const info: LockInfo = { pid: process.pid, host: os.hostname(), started: new Date().toISOString(), command: commandLine() };
  const staged = path.join(dir, `${LOCK}.${process.pid}.tmp`);
  writeNewFile(staged, Buffer.from(`${JSON.stringify(info)}\n`));
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        // A link fails when the name exists: of two runs, exactly one gets the lock.
        createFromTemp(staged, lockFile);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = readLock(lockFile);
      if (!holder) continue; // released meanwhile
      if (attempt > 0 || holder.host !== info.host || processAlive(holder.pid)) throw new LockedError(holder, lockFile);
      note(`took over the lock of an earlier run that ended without releasing it (pid ${holder.pid}, started ${holder.started})`);
      removeQuietly(lockFile);
    }
  } finally {
    removeQuietly(staged);
  }
  return () => {
    if (readLock(lockFile)?.pid === process.pid) removeQuietly(lockFile);
    removeDirIfEmpty(dir);
  };
}

function readLock(lockFile: string): LockInfo | undefined {
  try {
    return JSON.parse(readFileSync(lockFile, 'utf8')) as LockInfo;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Unreadable or half-written: treat as held by an unknown, dead process.
    return { pid: 0, host: os.hostname(), started: 'unknown', command: 'unknown' };
  }
}

function processAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function commandLine(): string {
  return ['awaitify', ...process.argv.slice(2)].join(' ');
}

/**
 * Where a journal of the project at `root` may be: its journal directory, and
 * `.awaitify/` at the root too (a run before `git init` left it there).
 */
function journalDirs(root: string): string[] {
  return [...new Set([journalDir(root), path.join(root, '.awaitify')])];
}

/** An unfinished journal waiting for the project at `root`, described for a message. */
export function pendingJournal(root: string): { pid: number; started: string; dir: string } | undefined {
  for (const dir of journalDirs(root)) {
    const journal = readJournal(dir);
    if (journal) return { pid: journal.pid, started: journal.started, dir };
  }
  return undefined;
}

/** Completes (or rolls back) every journal an interrupted run left for the project at `root`; the caller holds the lock. */
export function recoverProjectJournal(root: string, mode: 'complete' | 'rollback'): RecoveryReport | undefined {
  let report: RecoveryReport | undefined;
  for (const dir of journalDirs(root)) report = recoverJournal(dir, mode) ?? report;
  return report;
}

function readJournal(dir: string): Journal | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, JOURNAL), 'utf8')) as Journal;
  } catch {
    return undefined;
  }
}

/**
 * Completes (or rolls back) the journal an interrupted run left in `dir`;
 * undefined when there is none. The caller holds the lock.
 */
export function recoverJournal(dir: string, mode: 'complete' | 'rollback'): RecoveryReport | undefined {
  // A journal being written when the run died: nothing had been staged yet.
  for (const f of safeReaddir(dir)) if (f.startsWith(`${JOURNAL}.`)) removeQuietly(path.join(dir, f));
  const journal = readJournal(dir);
  if (!journal) return undefined;
  const tx = new Transaction(dir, journal);
  tx.loadProgress();
  const report: RecoveryReport = { pid: journal.pid, started: journal.started, action: 'completed', written: [], restored: [], failed: [], removed: 0 };
  if (journal.state === 'staging') {
    report.action = 'discarded';
  } else if (journal.state === 'rolling-back' || mode === 'rollback') {
    report.action = 'rolled back';
    const undo = tx.rollbackAll();
    report.restored = undo.restored;
    report.failed = undo.failed;
  } else {
    for (let i = 0; i < journal.entries.length; i++) tx.forward(i);
    report.written = tx.writtenPaths();
    report.failed = tx.failures();
  }
  report.removed = tx.cleanup();
  return report;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Writes `items` (in the given order) as one transaction; see the top of
 * this file. The caller holds the lock. Throws InterruptedError after
 * restoring the tree when SIGINT or SIGTERM arrives.
 */
export async function writeTransaction(dir: string, items: WriteItem[]): Promise<WriteOutcome> {
  if (items.length === 0) return { written: [], failed: new Map() };
  const signals = catchSignals();
  try {
    const index = new Map(items.map((it, i) => [it.path, i]));
    const entries = items.map((item, i) => prepareEntry(dir, item, i, index));
    const journal: Journal = { version: 1, pid: process.pid, started: new Date().toISOString(), command: commandLine(), state: 'staging', entries };
    const tx = new Transaction(dir, journal);
    // A file that changed since it was analysed is dropped before anything is staged.
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i];
      if (e.before) {
        const change = describeChange(e.before, snapshotOf(e.target));
        if (change) tx.fail(i, `changed during the run: ${change}; not written`);
      }
    }
    ensureDir(dir);
    tx.saveJournal();
    await faultPoint('journal');

    for (let i = 0; i < entries.length; i++) {
      if (signals.caught) break;
      if (tx.isFailed(i)) continue;
      try {
        tx.stage(i, items[i].bytes);
      } catch (err) {
        tx.fail(i, err instanceof NotWritten ? err.message : `could not stage: ${(err as Error).message}`);
      }
      await faultPoint(`stage ${entries[i].path}`);
    }
    if (signals.caught) {
      tx.cleanup();
      throw new InterruptedError(signals.caught, [], []);
    }
    for (const dirOf of new Set(entries.map((e) => path.dirname(e.temp)))) fsyncDirectory(dirOf);
    fsyncDirectory(dir);
    journal.state = 'committed';
    tx.saveJournal();
    await faultPoint('commit');

    for (let i = 0; i < entries.length; i++) {
      if (signals.caught) break;
      if (tx.isFailed(i)) continue;
      tx.forward(i);
      await faultPoint(`write ${entries[i].path}`);
    }
    if (signals.caught) {
      const undo = tx.rollbackAll();
      tx.cleanup();
      throw new InterruptedError(signals.caught, undo.restored, undo.failed);
    }
    for (const dirOf of new Set(entries.map((e) => path.dirname(e.target)))) fsyncDirectory(dirOf);
    tx.cleanup();
    return { written: tx.writtenPaths(), failed: new Map(tx.failures().map((f) => [f.path, f.reason])) };
  } finally {
    signals.release();
  }
}

/**
 * The write order: every file after the files it requires (Kahn's algorithm,
 * ties by path). A cycle is broken at its smallest path, so the order is the
 * same on every run; a file in a cycle written before another it requires is
 * restored if that one cannot be written.
 */
export function orderWrites<T extends { path: string; requires: { path: string }[] }>(items: T[]): T[] {
  const byPath = new Map(items.map((it) => [it.path, it]));
  const waiting = new Map(items.map((it) => [it.path, new Set(it.requires.map((r) => r.path).filter((p) => byPath.has(p) && p !== it.path))]));
  const order: T[] = [];
  while (waiting.size) {
    const ready = [...waiting].filter(([, deps]) => deps.size === 0).map(([p]) => p);
    const next = (ready.length ? ready : [...waiting.keys()]).sort()[0];
    order.push(byPath.get(next)!);
    waiting.delete(next);
    for (const deps of waiting.values()) deps.delete(next);
  }
  return order;
}

/** A reason a file is not written that names what happened (not a system error). */
class NotWritten extends Error {}

function prepareEntry(dir: string, item: WriteItem, i: number, index: Map<string, number>): Entry {
  let target = item.absPath;
  let problem: string | undefined;
  try {
    target = writeTarget(item.absPath);
  } catch (err) {
    problem = `could not write: ${(err as Error).message}`;
  }
  // A requirement outside the items was settled by the caller (a file that failed fails its dependants first).
  const requires = item.requires.map((r) => ({ index: index.get(r.path) ?? -1, why: r.why })).filter((r) => r.index >= 0);
  const entry: Entry = {
    path: item.path,
    target,
    temp: tempNameFor(target),
    method: item.before ? 'rename' : 'create',
    ...(item.before ? { before: item.before, backup: path.join(dir, `${i}.orig`) } : {}),
    after: { sha256: sha256(item.bytes), size: item.bytes.length },
    requires,
    ...(problem ? { failed: problem } : {}),
  };
  return entry;
}

/** The journal and the state of each entry, in memory and on disk. */
class Transaction {
  private readonly done = new Set<number>();
  private readonly begun = new Set<number>();
  private readonly failedAt = new Map<number, string>();

  constructor(
    private readonly dir: string,
    private readonly journal: Journal,
  ) {
    journal.entries.forEach((e, i) => {
      if (e.failed) this.failedAt.set(i, e.failed);
    });
  }

  private get entries(): Entry[] {
    return this.journal.entries;
  }

  isFailed(i: number): boolean {
    return this.failedAt.has(i);
  }

  writtenPaths(): string[] {
    return [...this.done].sort((a, b) => a - b).map((i) => this.entries[i].path);
  }

  failures(): { path: string; reason: string }[] {
    return [...this.failedAt].sort((a, b) => a[0] - b[0]).map(([i, reason]) => ({ path: this.entries[i].path, reason }));
  }

  saveJournal(): void {
    const file = path.join(this.dir, JOURNAL);
    const staged = `${file}.${process.pid}.tmp`;
    removeQuietly(staged);
    writeNewFile(staged, Buffer.from(`${JSON.stringify(this.journal, null, 1)}\n`));
    renameSync(staged, file);
    fsyncDirectory(this.dir);
  }

  loadProgress(): void {
    let text = '';
    try {
      text = readFileSync(path.join(this.dir, PROGRESS), 'utf8');
    } catch {
      // No entry written yet.
    }
    for (const line of text.split('\n')) {
      const [word, n] = line.split(' ');
      const i = Number(n);
      if (word === 'begin') this.begun.add(i);
      else if (word === 'done') this.done.add(i);
      else if (word === 'undone') this.done.delete(i);
    }
    // An entry replaced but not yet logged when the run died: its temp is gone and the target holds the new bytes.
    this.entries.forEach((e, i) => {
      if (this.done.has(i) || e.failed || existsSync(e.temp)) return;
      if (snapshotOf(e.target)?.sha256 === e.after.sha256) this.done.add(i);
    });
  }

  private log(line: string, flush = false): void {
    const file = path.join(this.dir, PROGRESS);
    if (!flush) {
      appendFileSync(file, `${line}\n`);
      return;
    }
    const fd = openSync(file, 'a');
    try {
      writeSync(fd, `${line}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** Stages entry i: a backup of the original, the new bytes in the temp file with the target's metadata. */
  stage(i: number, bytes: Buffer): void {
    const e = this.entries[i];
    let mode = 0o666;
    if (e.before) {
      const now = snapshotOf(e.target);
      const change = describeChange(e.before, now);
      if (change) throw new NotWritten(`changed during the run: ${change}; not written`);
      writeNewFile(e.backup!, now!.bytes, 0o600);
      const meta = metadataOf(e.target);
      Object.assign(e, { mode: meta.mode, uid: meta.uid, gid: meta.gid });
      mode = meta.mode;
      writeNewFile(e.temp, bytes, 0o600);
      // A hard-linked file, or one whose owner a rename would not keep, is rewritten in place.
      if (!copyMetadata(e.temp, meta) || meta.links > 1) e.method = 'in-place';
    } else {
      writeNewFile(e.temp, bytes, mode);
    }
    if (!readFileSync(e.temp).equals(bytes)) throw new Error(`${e.temp}: the staged copy reads back differently`);
  }

  /** Writes entry i (if it is not written yet), comparing the target with what was analysed first. */
  forward(i: number): void {
    const e = this.entries[i];
    if (this.done.has(i) || this.failedAt.has(i)) return;
    const missing = e.requires.find((r) => this.failedAt.has(r.index));
    if (missing) {
      this.fail(i, this.cascadeReason(missing));
      return;
    }
    try {
      const now = snapshotOf(e.target);
      // Replaced or created already (the run died before logging it); an in-place write begun is redone.
      const written = now?.sha256 === e.after.sha256 && (e.method !== 'rename' || !existsSync(e.temp));
      if (!written) this.replace(i, now);
      removeQuietly(e.temp);
    } catch (err) {
      this.fail(i, err instanceof NotWritten ? err.message : `could not write: ${(err as Error).message}`);
      return;
    }
    this.log(`done ${i}`);
    this.done.add(i);
  }

  private replace(i: number, now: FileSnapshot | undefined): void {
    const e = this.entries[i];
    if (e.method === 'create') {
      if (now) throw new NotWritten(`${e.path} was created by someone else during the run; not written`);
      createFromTemp(e.temp, e.target);
      return;
    }
    // An in-place write this run began holds a mix of old and new bytes: it is ours to finish.
    if (!(e.method === 'in-place' && this.begun.has(i))) {
      const change = describeChange(e.before!, now);
      if (change) throw new NotWritten(`changed during the run: ${change}; not written`);
    }
    if (!existsSync(e.temp)) throw new NotWritten(`its staged copy ${e.temp} is gone; not written`);
    if (e.method === 'rename') {
      replaceByRename(e.temp, e.target);
      return;
    }
    this.log(`begin ${i}`, true);
    this.begun.add(i);
    writeInPlace(e.target, readFileSync(e.temp));
  }

  /**
   * Marks entry i failed, and every entry that needs it: those not written
   * yet are dropped, those written already (a dependency cycle) restored.
   */
  fail(i: number, reason: string): void {
    if (this.failedAt.has(i)) return;
    this.failedAt.set(i, reason);
    this.entries[i].failed = reason;
    removeQuietly(this.entries[i].temp);
    this.entries.forEach((other, j) => {
      const need = other.requires.find((r) => r.index === i);
      if (!need || this.failedAt.has(j)) return;
      const problem = this.done.has(j) ? this.undo(j) : undefined;
      this.fail(j, problem ? `${this.cascadeReason(need)}; it had been written already and ${problem}` : this.cascadeReason(need));
    });
  }

  private cascadeReason(need: { index: number; why: string }): string {
    return `not written: ${need.why}, and ${this.entries[need.index].path} was not written`;
  }

  /** Restores entry i from its backup, when it still holds what this run wrote. */
  private undo(i: number): string | undefined {
    const e = this.entries[i];
    const now = snapshotOf(e.target);
    const partial = e.method === 'in-place' && this.begun.has(i);
    if (now?.sha256 !== e.after.sha256 && !partial) {
      this.done.delete(i);
      if (e.before && now?.sha256 === e.before.sha256) return undefined;
      if (!e.before && !now) return undefined;
      return 'it changed after awaitify wrote it, so it was left as it is';
    }
    if (e.method === 'create') removeQuietly(e.target);
    else {
      const original = readFileSync(e.backup!);
      if (e.method === 'in-place') writeInPlace(e.target, original);
      else {
        const temp = tempNameFor(e.target);
        writeNewFile(temp, original, 0o600);
        copyMetadata(temp, { mode: e.mode!, uid: e.uid!, gid: e.gid! });
        replaceByRename(temp, e.target);
      }
    }
    this.log(`undone ${i}`);
    this.done.delete(i);
    return undefined;
  }

  /** Restores every written entry, the last written first (so callees go back to sync before their callers). */
  rollbackAll(): { restored: string[]; failed: { path: string; reason: string }[] } {
    if (this.journal.state !== 'rolling-back') {
      this.journal.state = 'rolling-back';
      this.saveJournal();
    }
    const restored: string[] = [];
    const failed: { path: string; reason: string }[] = [];
    const written = [...new Set([...this.done, ...this.begun])].sort((a, b) => b - a);
    for (const i of written) {
      try {
        const problem = this.undo(i);
        if (problem) failed.push({ path: this.entries[i].path, reason: problem });
        else restored.push(this.entries[i].path);
      } catch (err) {
        failed.push({ path: this.entries[i].path, reason: `could not restore: ${(err as Error).message}` });
      }
    }
    return { restored: restored.reverse(), failed };
  }

  /** Removes the temps, backups, progress log and journal; returns how many temp and backup files were removed. */
  cleanup(): number {
    let removed = 0;
    for (const e of this.entries) {
      for (const f of [e.temp, e.backup]) {
        if (f && existsSync(f)) {
          removeQuietly(f);
          removed++;
        }
      }
    }
    removeQuietly(path.join(this.dir, PROGRESS));
    removeQuietly(path.join(this.dir, JOURNAL));
    fsyncDirectory(this.dir);
    removeDirIfEmpty(this.dir);
    return removed;
  }
}

interface SignalCatcher {
  caught: NodeJS.Signals | undefined;
  release(): void;
}

/** While the transaction runs, SIGINT and SIGTERM are noted (and acted on between steps) instead of killing the process. */
function catchSignals(): SignalCatcher {
  const catcher: SignalCatcher = {
    caught: undefined,
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
  const onSignal = (signal: NodeJS.Signals) => {
    catcher.caught ??= signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return catcher;
}

let steps = 0;

/**
 * One step of the transaction. Lets pending signals be delivered, and serves
 * the fault-injection tests (never set otherwise): AWAITIFY_TEST_TRACE=<file>
 * logs each step; AWAITIFY_TEST_FAULT_AT=<n> with AWAITIFY_TEST_FAULT=KILL,
 * INT or TERM sends that signal to the process after the n-th step, and with
 * PAUSE creates AWAITIFY_TEST_PAUSE_FILE and waits until it is deleted;
 * AWAITIFY_TEST_STEP_DELAY_MS slows every step down (for kills at random times).
 */
async function faultPoint(name: string): Promise<void> {
  steps++;
  const env = process.env;
  if (env.AWAITIFY_TEST_TRACE) appendFileSync(env.AWAITIFY_TEST_TRACE, `${steps} ${name}\n`);
  if (env.AWAITIFY_TEST_FAULT_AT && Number(env.AWAITIFY_TEST_FAULT_AT) === steps) {
    const action = env.AWAITIFY_TEST_FAULT ?? 'KILL';
    if (action === 'PAUSE' && env.AWAITIFY_TEST_PAUSE_FILE) {
      const flag = env.AWAITIFY_TEST_PAUSE_FILE;
      // Renamed into place: a test that sees the file can read the pid in it.
      writeFileSync(`${flag}.tmp`, `${process.pid}\n`);
      renameSync(`${flag}.tmp`, flag);
      while (existsSync(flag)) await new Promise((resolve) => setTimeout(resolve, 20));
    } else {
      process.kill(process.pid, `SIG${action}` as NodeJS.Signals);
    }
  }
  const delay = Number(env.AWAITIFY_TEST_STEP_DELAY_MS ?? 0);
  // A signal sent meanwhile is delivered to its listener in this turn of the event loop.
  await new Promise((resolve) => (delay > 0 ? setTimeout(resolve, delay) : setImmediate(resolve)));
}
