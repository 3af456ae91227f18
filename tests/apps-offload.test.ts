// End to end on a real Express 4 app whose store is a sync-only SQLite library
// (node-sqlite3-wasm) and which has one CPU-heavy function: it is copied,
// installed, tested, migrated by the built CLI with --offload, and tested
// again. Beside the app's own suite this checks what the suite cannot see: the
// migrated handlers keep the event loop free (a timer keeps firing while the
// offloaded call runs, where before it could not fire at all), the diff with
// its new helper file applies with git apply, and a second run is a no-op.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(repo, 'dist', 'cli', 'awaitify.js');
const STEP_TIMEOUT_MS = 300_000;
const OFFLOAD = ['--offload', 'src/scoring.js:primesBelow'];
const keep = process.env.AWAITIFY_KEEP_APPS === '1';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd: string): Run {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: STEP_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false' } });
  if (r.error) throw new Error(`${command} ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectOk(what: string, r: Run): void {
  if (r.status !== 0) expect.fail(`${what} exited ${r.status}\n--- stdout ---\n${r.stdout.slice(-6000)}\n--- stderr ---\n${r.stderr.slice(-6000)}`);
}

function git(args: string[], cwd: string): Run {
  return run('git', ['-c', 'user.name=awaitify tests', '-c', 'user.email=tests@awaitify.invalid', '-c', 'commit.gpgsign=false', ...args], cwd);
}

function awaitify(args: string[], cwd: string): Run {
  return run(process.execPath, [cli, ...args], cwd);
}

/**
 * Serves the app on a free port and, for each request, counts how often a
 * 5 ms interval timer fires between sending it and receiving the answer.
 * A handler that computes on the event loop lets no tick through; one that
 * awaits a worker lets the timer run the whole time.
 */
const PROBE = `
const http = require('node:http');
const path = require('node:path');
const appDir = process.argv[2];
require(path.join(appDir, 'test', 'support.js')).freshDatabase();
const app = require(path.join(appDir, 'src', 'app.js'));
const server = app.listen(0, '127.0.0.1', async () => {
  const { port } = server.address();
  const get = (p) => new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(body) }));
    }).on('error', reject);
  });
  const out = {};
  for (const p of ['/primes?below=2000000', '/count?n=3000000']) {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = Date.now();
    const res = await get(p);
    clearInterval(timer);
    out[p] = { ticks, ms: Date.now() - started, status: res.status, body: res.body };
  }
  console.log(JSON.stringify(out));
  server.close();
  process.exit(0);
});
`;

interface ProbeResult {
  ticks: number;
  ms: number;
  status: number;
  body: unknown;
}

function probe(dir: string, scratch: string): Record<string, ProbeResult> {
  const script = path.join(scratch, 'probe.cjs');
  fs.writeFileSync(script, PROBE);
  const r = run(process.execPath, [script, dir], dir);
  expectOk('event-loop probe', r);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, ProbeResult>;
}

let scratch: string;
let dir: string;

beforeAll(() => {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: build with 'npx tsc -p .'`);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'awaitify-offload-'));
  dir = path.join(scratch, 'express-sqlite');
  fs.cpSync(path.join(repo, 'test-fixtures', 'apps', 'express-sqlite'), dir, { recursive: true, filter: (src) => !src.split(path.sep).includes('node_modules') });
  expectOk('npm ci', run('npm', ['ci', '--no-audit', '--no-fund'], dir));
  expectOk('git init', git(['init', '-q'], dir));
  expectOk('git add', git(['add', '-A'], dir));
  expectOk('git commit', git(['commit', '-q', '-m', 'before awaitify'], dir));
}, STEP_TIMEOUT_MS);

afterAll(() => {
  if (keep) console.log(`offload app copy kept in ${scratch}`);
  else if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe('express-sqlite (worker-offload)', () => {
  let blocked: Record<string, ProbeResult>;

  it('passes its own suite before the migration, and its slow handlers block the event loop', () => {
    expectOk('npm test (before)', run('npm', ['test'], dir));
    blocked = probe(dir, scratch);
    expect(Object.keys(blocked).sort()).toEqual(['/count?n=3000000', '/primes?below=2000000']);
    for (const [p, r] of Object.entries(blocked)) {
      expect(r.status, p).toBe(200);
      // A tick may land while the request is parsed and one while the answer is written; none while the handler computes.
      expect(r.ticks, `${p}: timer ticks while the sync handler ran ${r.ms} ms`).toBeLessThanOrEqual(3);
    }
  }, STEP_TIMEOUT_MS);

  it('prints a dry-run diff, new helper included, that git apply accepts', () => {
    const r = awaitify(['migrate', '.', ...OFFLOAD, '--no-progress'], dir);
    expectOk('awaitify migrate (dry run)', r);
    expect(r.stdout).toMatch(/^diff --git a\/src\/offload-worker\.js b\/src\/offload-worker\.js\nnew file mode 100644\n--- \/dev\/null\n/m);
    expect(git(['status', '--porcelain'], dir).stdout, 'a dry run writes nothing').toBe('');
    const diff = path.join(scratch, 'migration.diff');
    fs.writeFileSync(diff, r.stdout);
    expectOk('git apply --check', git(['apply', '--check', diff], dir));
  }, STEP_TIMEOUT_MS);

  it('offloads every store query and the listed CPU-heavy function, leaving no blocking call reported', () => {
    const r = awaitify(['migrate', '.', ...OFFLOAD, '--format', 'json', '--no-progress'], dir);
    expectOk('awaitify migrate --format json', r);
    const report = JSON.parse(r.stdout) as { findings: { rule: string; path: string; line: number; safety: string; message: string; applied: boolean }[] };
    const offloads = report.findings.filter((f) => f.rule === 'worker-offload');
    const called = offloads.map((f) => /`(\w+)`/.exec(f.message)?.[1]).sort();
    expect(called).toEqual(['addReview', 'countTo', 'findProduct', 'listProducts', 'primesBelow']);
    expect(offloads.every((f) => f.applied && f.safety === 'review' && f.path === 'src/app.js')).toBe(true);
    expect(report.findings.filter((f) => f.safety === 'manual').map((f) => `${f.path}:${f.line} ${f.message}`)).toEqual([]);
  }, STEP_TIMEOUT_MS);

  it('passes its own suite after --write, and the timer keeps firing while the offloaded calls run', () => {
    expectOk('awaitify migrate --write', awaitify(['migrate', '.', ...OFFLOAD, '--write', '--no-progress'], dir));
    expect(fs.existsSync(path.join(dir, 'src', 'offload-worker.js')), 'the helper was created').toBe(true);
    expectOk('npm test (after)', run('npm', ['test'], dir));
    const free = probe(dir, scratch);
    expect(Object.keys(free).sort()).toEqual(['/count?n=3000000', '/primes?below=2000000']);
    for (const [p, r] of Object.entries(free)) {
      expect(r.status, p).toBe(200);
      expect(r.body, `${p}: same answer as before`).toEqual(blocked[p]!.body);
      expect(r.ticks, `${p}: timer ticks while the offloaded call ran ${r.ms} ms`).toBeGreaterThanOrEqual(10);
    }
  }, STEP_TIMEOUT_MS);

  it('changes nothing on a second run', () => {
    expectOk('git add', git(['add', '-A'], dir));
    expectOk('git commit', git(['commit', '-q', '-m', 'after awaitify'], dir));
    const r = awaitify(['migrate', '.', ...OFFLOAD, '--no-progress'], dir);
    expectOk('awaitify migrate (second run)', r);
    expect(r.stdout).toBe('');
  }, STEP_TIMEOUT_MS);
});
