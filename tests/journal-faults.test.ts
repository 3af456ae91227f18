// Fault injection on `migrate --write` (the built CLI on a small generated
// Express tree whose handlers, helpers and store become async across four
// files): SIGKILL, SIGINT and SIGTERM after a seeded random step of the write
// transaction (test-only hooks in transforms/core/journal.ts), and SIGKILL at
// random times; then `awaitify recover`. Every run must leave each file
// either original or fully migrated, a tree that still runs (the handlers
// return the right values, not promises) at the moment of the fault, and
// after recovery the whole original or the whole migrated tree, `check`
// reporting as on that tree, and nothing else in `git status`.
// Also: an edit during a run, two concurrent runs, and a stale lock.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prng } from './helpers/prng.js';

const repo = path.resolve(import.meta.dirname, '..');
const cli = path.join(repo, 'dist/cli/awaitify.js');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-faults-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const TREE: Record<string, string> = {
  'package.json': '{ "name": "fault-tree", "type": "module", "dependencies": { "express": "^5.1.0" } }\n',
  '.gitignore': 'audit.log\n',
  'src/app.js': `import express from 'express';
import { listUsers, showUser } from './handlers.js';

export const app = express();
app.get('/users', listUsers);
app.get('/users/:id', showUser);
`,
  'src/handlers.js': `import { loadAll, loadUser } from './users.js';
import { audit } from './audit.js';

export function showUser(req, res) {
  const user = loadUser(req.params.id);
  audit(\`show \${req.params.id}\`);
  res.json(user);
}

export function listUsers(req, res) {
  res.json(loadAll());
}
`,
  'src/users.js': `import { readIndex, readRecord } from './store.js';
import { label } from './format.js';

export function loadUser(id) {
  const record = readRecord(id);
  return { id, label: label(record) };
}

export function loadAll() {
  return readIndex().map((id) => loadUser(id));
}
`,
  'src/store.js': `import fs from 'node:fs';

const dir = new URL('../data/', import.meta.url);

export function readRecord(id) {
  return JSON.parse(fs.readFileSync(new URL(\`\${id}.json\`, dir), 'utf8'));
}

export function readIndex() {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
}
`,
  'src/audit.js': `import fs from 'node:fs';

export function audit(message) {
  fs.appendFileSync(new URL('../audit.log', import.meta.url), \`\${message}\\n\`);
}
`,
  'src/format.js': `export function label(record) {
  return \`\${record.name} <\${record.email}>\`;
}
`,
  'data/1.json': '{"name":"Ada","email":"ada@example.org"}\n',
  'data/2.json': '{"name":"Linus","email":"linus@example.org"}\n',
};

// Calls the handlers the way Express would (awaiting what they return) and prints what they sent.
const RUNNER = `const dir = process.argv[2];
const { showUser, listUsers } = await import(dir + '/src/handlers.js');
const sent = {};
const res = (key) => ({ json: (value) => { sent[key] = value instanceof Promise ? 'a Promise' : value; } });
await showUser({ params: { id: '2' } }, res('show'));
await listUsers({}, res('list'));
process.stdout.write(JSON.stringify(sent));
`;
const EXPECTED_OUTPUT = JSON.stringify({
  show: { id: '2', label: 'Linus <linus@example.org>' },
  list: [
    { id: '1', label: 'Ada <ada@example.org>' },
    { id: '2', label: 'Linus <linus@example.org>' },
  ],
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function awaitify(cwd: string, args: string[], env: Record<string, string> = {}, killAfter?: { trace: string; ms: number }): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ...env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let timer: NodeJS.Timeout | undefined;
    if (killAfter) {
      // Once the transaction has begun (its first step is traced), kill it after the given time.
      timer = setInterval(() => {
        if (!existsSync(killAfter.trace)) return;
        clearInterval(timer);
        setTimeout(() => child.kill('SIGKILL'), killAfter.ms);
      }, 5);
    }
    child.on('close', (code, signal) => {
      clearInterval(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=t@awaitify', '-c', 'user.name=t', ...args], { cwd, encoding: 'utf8' });
}

let counter = 0;
function copyOf(base: string): string {
  const dir = path.join(scratch, `run${++counter}`);
  cpSync(base, dir, { recursive: true });
  return dir;
}

/**
 * Every file of the tree but .git and awaitify's parse cache, with its content. The cache
 * (on by default) is written as files are parsed, before any edit: what it holds after a kill
 * depends only on when the kill came, it is no part of the project (git ignores it), and
 * damaged or missing entries are only misses (transforms/core/cache.test.ts).
 */
function contents(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const d of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const abs = path.join(d.parentPath, d.name);
    const rel = path.relative(dir, abs);
    const top = rel.split(path.sep)[0];
    if (top === '.git' || top === '.awaitify-cache' || d.isDirectory()) continue;
    files.set(rel, readFileSync(abs, 'utf8'));
  }
  return files;
}

/**
 * `git status` with untracked and ignored files: anything a run leaves behind shows here, but
 * for awaitify's parse cache (ignored by git through its own .gitignore; see `contents`).
 */
function statusOf(dir: string): string {
  const status = git(dir, 'status', '--porcelain=v1', '--untracked-files=all', '--ignored');
  return status.split('\n').filter((line) => !line.startsWith('!! .awaitify-cache/')).join('\n');
}

function treeRuns(dir: string): string {
  const out = execFileSync(process.execPath, [runnerPath, dir], { encoding: 'utf8' });
  rmSync(path.join(dir, 'audit.log'), { force: true });
  return out;
}

/** Runs `tasks` two at a time (the machine has two cores). */
async function inPairs<T>(tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

let base: string;
let runnerPath: string;
let original: Map<string, string>;
let migrated: Map<string, string>;
let changedFiles: string[];
let steps: string[];
const checkOutput = new Map<'original' | 'migrated', string>();

beforeAll(async () => {
  base = path.join(scratch, 'base');
  for (const [rel, text] of Object.entries(TREE)) {
    mkdirSync(path.dirname(path.join(base, rel)), { recursive: true });
    writeFileSync(path.join(base, rel), text);
  }
  git(base, 'init', '-q');
  git(base, 'add', '-A');
  git(base, 'commit', '-qm', 'the tree');
  runnerPath = path.join(scratch, 'runner.mjs');
  writeFileSync(runnerPath, RUNNER);
  original = contents(base);

  // The reference: an uninterrupted run, with the steps of its transaction.
  const reference = copyOf(base);
  const trace = path.join(scratch, 'reference.trace');
  const r = await awaitify(reference, ['migrate', '--write'], { AWAITIFY_TEST_TRACE: trace });
  expect(r.code, r.stderr).toBe(0);
  migrated = contents(reference);
  steps = readFileSync(trace, 'utf8').trim().split('\n').map((line) => line.replace(/^\d+ /, ''));
  changedFiles = [...migrated.keys()].filter((f) => migrated.get(f) !== original.get(f)).sort();
  for (const [state, dir] of [
    ['original', base],
    ['migrated', reference],
  ] as const) {
    // Both end states parse and run.
    for (const f of changedFiles) execFileSync(process.execPath, ['--check', path.join(dir, f)]);
    expect(treeRuns(dir)).toBe(EXPECTED_OUTPUT);
    const check = await awaitify(dir, ['check', '--format', 'json']);
    checkOutput.set(state, JSON.stringify(JSON.parse(check.stdout).findings));
  }
}, 300_000);

interface Fault {
  kind: 'KILL' | 'INT' | 'TERM' | 'timed KILL';
  /** The step after which the signal is sent, or the milliseconds after the transaction began. */
  at: number;
}

/** What one faulted run left, before and after `recover`. */
interface FaultResult {
  fault: Fault;
  run: Run;
  before: { files: Map<string, string>; runs: string; journal: boolean };
  recover: Run;
  after: { files: Map<string, string>; status: string; journal: boolean; runs: string; check?: string };
}

async function faultedRun(fault: Fault, withCheck: boolean): Promise<FaultResult> {
  const dir = copyOf(base);
  const trace = path.join(scratch, `run${counter}.trace`);
  const env: Record<string, string> =
    fault.kind === 'timed KILL'
      ? { AWAITIFY_TEST_TRACE: trace, AWAITIFY_TEST_STEP_DELAY_MS: '100' }
      : { AWAITIFY_TEST_FAULT: fault.kind, AWAITIFY_TEST_FAULT_AT: String(fault.at) };
  const run = await awaitify(dir, ['migrate', '--write'], env, fault.kind === 'timed KILL' ? { trace, ms: fault.at } : undefined);
  const journalDir = path.join(dir, '.git/awaitify');
  const before = { files: contents(dir), runs: treeRuns(dir), journal: existsSync(path.join(journalDir, 'journal.json')) };
  const recover = await awaitify(dir, ['recover']);
  const after: FaultResult['after'] = {
    files: contents(dir),
    status: statusOf(dir),
    journal: existsSync(journalDir),
    runs: treeRuns(dir),
  };
  if (withCheck) after.check = JSON.stringify(JSON.parse((await awaitify(dir, ['check', '--format', 'json'])).stdout).findings);
  return { fault, run, before, recover, after };
}

describe('migrate --write under faults', () => {
  it('ends every interrupted run with the original or the migrated tree, never a mix that breaks, and nothing stray', async () => {
    const random = prng(10);
    const faults: Fault[] = [];
    // Step faults: every step at least once for SIGKILL, the others at seeded random steps.
    for (let at = 1; at <= steps.length; at++) faults.push({ kind: 'KILL', at });
    for (let i = 0; i < 5; i++) faults.push({ kind: 'KILL', at: 1 + Math.floor(random() * steps.length) });
    // SIGINT twice while staging, twice after a rename; SIGTERM once in each.
    const commit = steps.indexOf('commit') + 1;
    const staging = () => 1 + Math.floor(random() * (commit - 1));
    const renaming = () => commit + 1 + Math.floor(random() * (steps.length - commit));
    faults.push({ kind: 'INT', at: staging() }, { kind: 'INT', at: staging() }, { kind: 'INT', at: renaming() }, { kind: 'INT', at: renaming() });
    faults.push({ kind: 'TERM', at: staging() }, { kind: 'TERM', at: renaming() });
    // Timed kills: the transaction slowed to 100 ms a step, killed 0-900 ms after its first step.
    for (let i = 0; i < 2; i++) faults.push({ kind: 'timed KILL', at: Math.floor(random() * 900) });
    const results = await inPairs(faults.map((fault, i) => () => faultedRun(fault, i % 4 === 0)));

    const commitStep = steps.indexOf('commit') + 1;
    const migratedAt = (files: Map<string, string>) => changedFiles.filter((f) => files.get(f) === migrated.get(f)).length;
    const summary: string[] = [];
    for (const r of results) {
      const label = `${r.fault.kind} at ${r.fault.at}`;
      // At the fault: each file original or migrated, and the tree runs.
      for (const [file, text] of original) expect([text, migrated.get(file)], `${label}: ${file}`).toContain(r.before.files.get(file));
      // Besides them, only the temp files a killed run leaves for the journal.
      expect([...r.before.files.keys()].filter((f) => !original.has(f) && !/(^|\/)\.[^/]+\.awaitify-\d+-\d+(-\d+)?\.tmp$/.test(f)), label).toEqual([]);
      expect(r.before.runs, label).toBe(EXPECTED_OUTPUT);
      if (r.fault.kind === 'INT' || r.fault.kind === 'TERM') {
        // A signal the run catches: the tree is restored and the run says so.
        expect(r.run.code, label).toBe(r.fault.kind === 'INT' ? 130 : 143);
        expect(r.run.stderr, label).toMatch(new RegExp(`^awaitify: interrupted by SIG${r.fault.kind}: .*; the tree is as it was\\n$`));
        expect(r.before.files, label).toEqual(original);
        expect(r.before.journal, label).toBe(false);
      } else if (r.fault.kind === 'KILL') {
        expect(r.run.signal, label).toBe('SIGKILL');
      }
      // After recovery: all migrated when the journal was committed, else all original.
      expect(r.recover.code, `${label}: ${r.recover.stderr}`).toBe(0);
      const expected = r.fault.kind === 'KILL' ? (r.fault.at >= commitStep ? migrated : original) : r.fault.kind === 'timed KILL' ? (r.after.files.get('src/store.js') === migrated.get('src/store.js') ? migrated : original) : original;
      expect(r.after.files, label).toEqual(expected);
      expect(r.after.status, label).toBe(expected === migrated ? changedFiles.map((f) => ` M ${f}\n`).join('') : '');
      expect(r.after.journal, label).toBe(false);
      expect(r.after.runs, label).toBe(EXPECTED_OUTPUT);
      if (r.after.check !== undefined) expect(r.after.check, label).toBe(checkOutput.get(expected === migrated ? 'migrated' : 'original'));
      summary.push(
        `| ${r.fault.kind} | ${r.fault.kind === 'timed KILL' ? `${r.fault.at} ms` : `${r.fault.at} (${steps[r.fault.at - 1]})`} | ${r.run.signal ?? `exit ${r.run.code}`} | ` +
          `${migratedAt(r.before.files)} of ${changedFiles.length} | ${r.before.journal ? 'yes' : 'no'} | ${migratedAt(r.after.files) === changedFiles.length ? 'migrated' : 'original'} | yes | ${r.after.check !== undefined ? 'same as reference' : '(not run)'} |`,
      );
    }
    expect(results.length).toBeGreaterThanOrEqual(20);
    if (process.env.AWAITIFY_FAULT_SUMMARY) writeFileSync(process.env.AWAITIFY_FAULT_SUMMARY, `${summary.join('\n')}\n`);
  }, 400_000);

  it('a Django app (async twins): the file adding a twin is renamed before its users; every kill recovers to the migrated app', async () => {
    const app = path.join(scratch, 'django-base');
    cpSync(path.join(repo, 'test-fixtures/apps/django-library'), app, { recursive: true });
    git(app, 'init', '-q');
    git(app, 'add', '-A');
    git(app, 'commit', '-qm', 'the app');
    const before = contents(app);
    const reference = copyOf(app);
    const trace = path.join(scratch, 'django.trace');
    const r = await awaitify(reference, ['migrate', '--write'], { AWAITIFY_TEST_TRACE: trace });
    expect(r.code, r.stderr).toBe(0);
    const after = contents(reference);
    const djangoSteps = readFileSync(trace, 'utf8').trim().split('\n').map((line) => line.replace(/^\d+ /, ''));
    const writes = djangoSteps.filter((s) => s.startsWith('write '));
    // services.py adds the async twins (afetch_price...) that views.py calls.
    expect(writes.indexOf('write catalog/services.py')).toBeLessThan(writes.indexOf('write catalog/views.py'));
    const commit = djangoSteps.indexOf('commit') + 1;
    const faults = [commit - 1, commit, ...writes.map((w) => djangoSteps.indexOf(w) + 1)];
    const runs = await inPairs(
      faults.map((at) => async () => {
        const dir = copyOf(app);
        const killed = await awaitify(dir, ['migrate', '--write'], { AWAITIFY_TEST_FAULT: 'KILL', AWAITIFY_TEST_FAULT_AT: String(at) });
        const atFault = contents(dir);
        const recovered = await awaitify(dir, ['recover']);
        return { at, killed, atFault, recovered, final: contents(dir), status: statusOf(dir) };
      }),
    );
    const changed = [...after.keys()].filter((f) => after.get(f) !== before.get(f)).sort();
    for (const run of runs) {
      const label = `KILL at ${run.at} (${djangoSteps[run.at - 1]})`;
      expect(run.killed.signal, label).toBe('SIGKILL');
      for (const [file, text] of before) expect([text, after.get(file)], `${label}: ${file}`).toContain(run.atFault.get(file));
      // A view calling a twin never comes before the twin.
      if (run.atFault.get('catalog/views.py') === after.get('catalog/views.py')) expect(run.atFault.get('catalog/services.py'), label).toBe(after.get('catalog/services.py'));
      expect(run.recovered.code, `${label}: ${run.recovered.stderr}`).toBe(0);
      expect(run.final, label).toEqual(run.at >= commit ? after : before);
      expect(run.status, label).toBe(run.at >= commit ? changed.map((f) => ` M ${f}\n`).join('') : '');
    }
  }, 400_000);

  it('recover --rollback restores what a killed run had renamed', async () => {
    const dir = copyOf(base);
    const second = steps.indexOf('commit') + 3;
    const killed = await awaitify(dir, ['migrate', '--write'], { AWAITIFY_TEST_FAULT: 'KILL', AWAITIFY_TEST_FAULT_AT: String(second) });
    expect(killed.signal).toBe('SIGKILL');
    const r = await awaitify(dir, ['recover', '--rollback']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\nawaitify: an interrupted awaitify --write \(pid \d+, started [^)]+\) was rolled back: 2 file\(s\) restored\n {2}restored {2}src\/handlers\.js\n {2}restored {2}src\/audit\.js\n {2}removed 6 temporary file\(s\)\n$/);
    expect(contents(dir)).toEqual(original);
    expect(statusOf(dir)).toBe('');
  }, 120_000);

  it('does not write a file edited during the run, nor the files whose callee needs its awaits; exit 3', async () => {
    const dir = copyOf(base);
    const pause = path.join(scratch, `pause${counter}`);
    // Paused after staging, before the first rename.
    const running = awaitify(dir, ['migrate', '--write'], { AWAITIFY_TEST_FAULT: 'PAUSE', AWAITIFY_TEST_FAULT_AT: String(steps.indexOf('commit') + 1), AWAITIFY_TEST_PAUSE_FILE: pause });
    while (!existsSync(pause)) await new Promise((resolve) => setTimeout(resolve, 20));
    const edited = `${original.get('src/handlers.js')}// edited during the run\n`;
    writeFileSync(path.join(dir, 'src/handlers.js'), edited);
    unlinkSync(pause);
    const r = await running;
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain('awaitify: 6 files: 0 changed, 2 unchanged, 0 skipped, 4 failed\n');
    expect(r.stderr).toMatch(/\n {2}src\/handlers\.js changed during the run: its content differs from what was analysed \(\d+ → \d+ bytes, modified [^)]+\); not written\n/);
    expect(r.stderr).toContain('  src/users.js not written: `loadUser` becomes async, and src/handlers.js:5 must await it, and src/handlers.js was not written\n');
    expect(r.stderr).toContain('  src/store.js not written: `readRecord` becomes async, and src/users.js:5 must await it, and src/users.js was not written\n');
    expect(contents(dir)).toEqual(new Map([...original, ['src/handlers.js', edited]]));
    expect(statusOf(dir)).toBe(' M src/handlers.js\n');
  }, 120_000);

  it('refuses a second --write (and recover) while one runs, naming it; takes over a stale lock with a note', async () => {
    const dir = copyOf(base);
    const pause = path.join(scratch, `pause${counter}`);
    const first = awaitify(dir, ['migrate', '--write'], { AWAITIFY_TEST_FAULT: 'PAUSE', AWAITIFY_TEST_FAULT_AT: '2', AWAITIFY_TEST_PAUSE_FILE: pause });
    while (!existsSync(pause)) await new Promise((resolve) => setTimeout(resolve, 20));
    const pid = readFileSync(pause, 'utf8').trim();
    const [second, recover] = await Promise.all([awaitify(dir, ['migrate', '--write']), awaitify(dir, ['recover'])]);
    unlinkSync(pause);
    expect(second.code).toBe(75);
    expect(second.stderr).toMatch(new RegExp(`^awaitify: another awaitify --write is running on this project \\(pid ${pid}, started [^:]+:\\d\\d:\\d\\d\\.\\d+Z: awaitify migrate --write\\); wait for it to finish\\. If no such process exists, delete .*/\\.git/awaitify/lock\\nnothing was written\\.\\n$`));
    expect(recover.code).toBe(75);
    expect(recover.stderr).toContain(`(pid ${pid}, started `);
    expect((await first).code).toBe(0);
    expect(contents(dir)).toEqual(migrated);

    // A lock whose process is gone.
    const stale = copyOf(base);
    mkdirSync(path.join(stale, '.git/awaitify'));
    writeFileSync(path.join(stale, '.git/awaitify/lock'), JSON.stringify({ pid: 2 ** 22 + 7, host: os.hostname(), started: '2026-01-01T00:00:00.000Z', command: 'awaitify migrate --write' }));
    const r = await awaitify(stale, ['migrate', '--write']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^awaitify: note: took over the lock of an earlier run that ended without releasing it \(pid 4194311, started 2026-01-01T00:00:00\.000Z\)\n/);
    expect(existsSync(path.join(stale, '.git/awaitify'))).toBe(false);
  }, 120_000);
});
