// --verify on the two fixture apps (test-fixtures/apps/verify-node, verify-django): a
// fixture-only rule (below: it wraps the real adapter) breaks two migration units on purpose;
// the search must back out exactly those, keep the rest, stay within 2·k·log2(n)+2 runs, and
// leave a tree whose suite passes. The CLI path is run on the untouched Node app.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepare, verifyMigration } from '../transforms/index.js';
import { pythonAdapter } from '../transforms/python/adapter.js';
import { typescriptAdapter } from '../transforms/typescript/adapter.js';
import type { AdapterResult, LanguageAdapter } from '../transforms/core/types.js';
import { copyApp, ensurePythonEnv, repoRoot, run, type PythonEnv } from './helpers/python-env.js';

const MINUTE = 60_000;
const CLI = path.join(repoRoot, 'dist/cli/awaitify.js');
const NODE_TESTS = 'node --test --test-reporter=tap test/';

let work: string;
let env: PythonEnv;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'awaitify-verify-'));
  env = await ensurePythonEnv('5.2');
}, 20 * MINUTE);

afterAll(() => {
  if (work && process.env.AWAITIFY_KEEP_TMP !== '1') rmSync(work, { recursive: true, force: true });
});

/**
 * The fixture-only rule: in the functions named, every edit that inserts `await` loses it
 * (a Promise or coroutine is used as a value), which the static analysis cannot know is wrong.
 */
function sabotaged(adapter: LanguageAdapter, functions: string[]): LanguageAdapter {
  const strip = (result: AdapterResult): AdapterResult => {
    const spans = (result.spans ?? []).filter((s) => functions.includes(s.name));
    for (const finding of result.findings) {
      if (!spans.some((s) => s.path === finding.path && s.line < finding.line && finding.line <= s.endLine)) continue;
      finding.edits = finding.edits.map((e) => ({ ...e, text: e.text.replace(/\bawait /g, '') }));
    }
    return result;
  };
  return { ...adapter, analyze: async (ctx) => strip(await adapter.analyze(ctx)) };
}

function copy(name: string): string {
  const dir = path.join(work, name);
  copyApp(path.join(repoRoot, 'test-fixtures/apps', name), dir);
  return dir;
}

const bound = (k: number, n: number) => 2 * k * Math.log2(n) + 2;

/**
 * Copies a fixture app, breaks the units of `broken` with the fixture-only rule and verifies with `command`:
 * of its 6 units exactly those are backed out (in that order), the 4 others kept, in `runs` runs (≤ the bound).
 */
async function verifySabotaged(app: string, adapter: LanguageAdapter, broken: string[], command: string, runs: number, options: { entry?: string; onProgress?: (line: string) => void } = {}) {
  const dir = copy(app);
  const prepared = await prepare({ paths: ['.'], cwd: dir, ...(options.entry ? { entry: options.entry } : {}), adapters: [sabotaged(adapter, broken)] });
  const { result, summary } = await verifyMigration(prepared, { command, cwd: dir, onProgress: options.onProgress });
  expect(prepared.changing.length).toBe(6);
  expect(summary.compared).toBe('tests');
  expect(summary.backedOut.map((b) => b.unit)).toEqual(broken.map((fn) => prepared.changing.find((u) => u.functions.includes(fn))!.id));
  expect(summary.kept).toBe(4);
  expect(summary.runs).toBeLessThanOrEqual(bound(broken.length, 6));
  expect(summary.runs).toBe(runs);
  return { dir, prepared, result, summary };
}

describe('--verify backs out exactly the units that break the suite', () => {
  it(
    'Node (node:test, TAP): readGreeting and countItems are backed out, the other four units kept',
    async () => {
      const lines: string[] = [];
      // 2 baseline, all (fails), u1-u3 (fails), u1-u2 (fails), u1 (passes), u1-u2 again (blames u2), u1+u3 and again (blames u3), u1+u4-u6 (passes).
      const { dir, prepared, result, summary } = await verifySabotaged('verify-node', typescriptAdapter, ['readGreeting', 'countItems'], NODE_TESTS, 10, { entry: 'all', onProgress: (l) => lines.push(l) });
      expect(summary.backedOut.map((b) => b.tests)).toEqual([['readGreeting fills in the name'], ['countItems counts the lines']]);
      expect(lines.at(-1)).toMatch(/^verify: done · runs \d+\/50 · units 6: kept 4, backed out 2 · [\d.]+s$/);
      // The tree on disk is still the original one; the caller writes the result once.
      expect(readFileSync(path.join(dir, 'lib/config.js'), 'utf8')).toBe(readFileSync(path.join(repoRoot, 'test-fixtures/apps/verify-node/lib/config.js'), 'utf8'));
      await prepared.write(result);
      expect(readFileSync(path.join(dir, 'lib/config.js'), 'utf8')).toContain('async function loadConfig()');
      expect(readFileSync(path.join(dir, 'lib/greeting.js'), 'utf8')).toBe(readFileSync(path.join(repoRoot, 'test-fixtures/apps/verify-node/lib/greeting.js'), 'utf8'));
      const manual = result.findings.filter((f) => f.rule === 'verify-backed-out');
      expect(manual.map((f) => `${f.path}:${f.line}`)).toEqual(['lib/greeting.js:5', 'lib/inventory.js:5']);
      expect(manual[0].message).toContain('readGreeting fills in the name');
      expect(manual[0].message).toContain('First lines of the failure');
      const after = await run('sh', ['-c', NODE_TESTS], { cwd: dir, timeoutMs: 2 * MINUTE });
      expect(after.code).toBe(0);
    },
    5 * MINUTE,
  );

  it(
    'Django (manage.py test -v 2): product_detail and cheapest are backed out, the other four views kept',
    async () => {
      const command = `${env.python} manage.py test -v 2`;
      // 2 baseline, all, u1-u3, u1-u2, u1 and again (blames u1), u2, u2+u3 and again (blames u3), u2+u4-u6.
      const { dir, prepared, result, summary } = await verifySabotaged('verify-django', pythonAdapter, ['product_detail', 'cheapest'], command, 11);
      expect(summary.backedOut.map((b) => b.tests)).toEqual([
        ['store.tests.test_views.ProductViewsTests.test_detail'],
        ['store.tests.test_views.ProductViewsTests.test_cheapest'],
      ]);
      await prepared.write(result);
      const views = readFileSync(path.join(dir, 'store/views.py'), 'utf8');
      expect(views).toContain('def product_detail(request, pk):\n    product = Product.objects.get(pk=pk)');
      expect(views).toContain('async def product_count(request):\n    return JsonResponse({"count": await Product.objects.acount()})');
      expect(views).toContain('def cheapest(request):\n    product = Product.objects.order_by("price").first()');
      const after = await run('sh', ['-c', command], { cwd: dir, timeoutMs: 2 * MINUTE });
      expect(after.code).toBe(0);
    },
    5 * MINUTE,
  );

  it(
    'the CLI: migrate --write --verify on the untouched Node app keeps every unit in 3 runs, and the Markdown report says so',
    async () => {
      const dir = copy('verify-node');
      const r = await run(process.execPath, [CLI, 'migrate', '.', '--entry', 'all', '--write', '--verify', NODE_TESTS, '--format', 'markdown'], { cwd: dir, env: { NO_COLOR: '1' }, timeoutMs: 3 * MINUTE });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`### Verified with \`${NODE_TESTS}\`: 3 runs, 0 units backed out\n`);
      expect(r.stdout).toContain('6 of 6 migration units kept; results compared per test (7 tests passing on the baseline); 2 baseline runs (0 already failing, ignored);');
      expect(readFileSync(path.join(dir, 'lib/greeting.js'), 'utf8')).toContain('async function readGreeting(name)');
      expect((await run('sh', ['-c', NODE_TESTS], { cwd: dir, timeoutMs: 2 * MINUTE })).code).toBe(0);
    },
    5 * MINUTE,
  );

  it('a scripted command: a broken unit that also fails another test once is blamed for its own test (the other is not called flaky); a failure that goes away when the same tree runs again is flaky and blames nothing', async () => {
    const dir = copy('verify-node');
    const prepared = await prepare({ paths: ['.'], cwd: dir, entry: 'all' });
    const migrated = (file: string) => readFileSync(path.join(dir, file), 'utf8').includes('async function');
    const tap = (results: [string, boolean][]) => `TAP version 13\n${results.map(([name, ok], i) => `${ok ? 'ok' : 'not ok'} ${i + 1} - ${name}`).join('\n')}\n`;
    // greeting.js migrated breaks its test, and the motd test the first time only. The config test fails once, on run 9
    // (units 1, 3-6: it fails, so 4-6 are split; 1, 3-5 passes, and the check before blaming 6 re-runs 1, 3-6, which passes).
    let runs = 0;
    let motdFailed = false;
    const { summary } = await verifyMigration(prepared, {
      command: 'scripted',
      cwd: dir,
      run: async () => {
        runs++;
        const greeting = migrated('lib/greeting.js');
        const motd = greeting && !motdFailed ? ((motdFailed = true), false) : true;
        return { code: 0, output: tap([['greeting', !greeting], ['motd', motd], ['config', runs !== 9]]) };
      },
    });
    expect(summary.backedOut.map((b) => [b.unit, b.tests])).toEqual([[prepared.changing.find((u) => u.functions.includes('readGreeting'))!.id, ['greeting']]]);
    expect(summary.kept).toBe(5);
    expect(summary.flaky).toEqual(['config']);
    expect(summary.runs).toBe(11);
  });

  it(
    'Ctrl-C while a candidate is on disk: the original tree is put back, exit 130, nothing written',
    async () => {
      const dir = copy('verify-node');
      const original = readFileSync(path.join(dir, 'lib/config.js'), 'utf8');
      // The command passes (exit code compared) and lasts long enough to be interrupted.
      const child = spawn(process.execPath, [CLI, 'migrate', '.', '--entry', 'all', '--write', '--verify', `${JSON.stringify(process.execPath)} -e "setTimeout(() => {}, 1500)"`], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let candidateOnDisk = '';
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (!candidateOnDisk && stderr.includes('verify: run 6/6 units')) {
          candidateOnDisk = readFileSync(path.join(dir, 'lib/config.js'), 'utf8');
          child.kill('SIGINT');
        }
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(candidateOnDisk).toContain('async function loadConfig()');
      expect(code).toBe(130);
      expect(stderr).toContain('awaitify: --verify interrupted; the original tree is restored, nothing was written.\n');
      expect(readFileSync(path.join(dir, 'lib/config.js'), 'utf8')).toBe(original);
    },
    3 * MINUTE,
  );

  it('the CLI stops with a clear message when the command cannot run on the untouched tree, and writes nothing', async () => {
    const dir = copy('verify-node');
    const r = await run(process.execPath, [CLI, 'migrate', '.', '--entry', 'all', '--write', '--verify', 'no-such-test-runner --all'], { cwd: dir, env: { NO_COLOR: '1' }, timeoutMs: MINUTE });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^verify: baseline · runs 0\/50 · units 6: kept 0, backed out 0 · [\d.]+s\nawaitify: --verify: the verify command could not run on the untouched tree \(exit 127\): .*no-such-test-runner.*not found\nnothing was written\.\n$/);
    expect(existsSync(path.join(dir, 'lib/config.js'))).toBe(true);
    expect(readFileSync(path.join(dir, 'lib/config.js'), 'utf8')).toBe(readFileSync(path.join(repoRoot, 'test-fixtures/apps/verify-node/lib/config.js'), 'utf8'));
  });
});
