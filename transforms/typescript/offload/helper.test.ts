// The worker helper awaitify writes into projects: the TypeScript forms must
// pass a strict type check, and the JavaScript forms must really run a
// module's function on a worker (results, errors with their code, the module
// itself as the function, many calls at once) while the event loop stays free.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { workerHelperSource } from './helper.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dirs: string[] = [];
function scratch(): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'awaitify-helper-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const WORK = `
function primesBelow(limit) {
  let count = 0;
  for (let n = 2; n < limit; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) { prime = false; break; }
    if (prime) count++;
  }
  return count;
}
function fail(code) {
  const err = new Error('no such row');
  err.code = code;
  throw err;
}
function echo(value) {
  return value;
}
`;

/** Calls through the helper and prints what came back, with the timer ticks seen meanwhile. */
const DRIVER = (helper: string, target: string, esm: boolean) => `
${esm ? `import { runInWorker } from './${helper}';` : `const { runInWorker } = require('./${helper}');`}
const target = ${esm ? `new URL('./${target}', import.meta.url)` : `require.resolve('./${target}')`};
(async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const primes = await runInWorker(target, 'primesBelow', [1500000]);
  clearInterval(timer);
  let error;
  try {
    await runInWorker(target, 'fail', ['E_ROW']);
  } catch (err) {
    error = { name: err.name, message: err.message, code: err.code, isError: err instanceof Error };
  }
  const echoed = await runInWorker(target, 'echo', [{ at: new Date(0), tags: new Set(['a']), n: 1n }]);
  const many = await Promise.all(Array.from({ length: 6 }, (_, i) => runInWorker(target, 'primesBelow', [10 + i])));
  let cloneError;
  try {
    await runInWorker(target, 'echo', [() => 1]);
  } catch (err) {
    cloneError = err.name;
  }
  console.log(JSON.stringify({ primes, ticks, error, echoed: { at: echoed.at.toISOString(), tags: [...echoed.tags], n: String(echoed.n) }, many, cloneError }));
})();
`;

describe('offload worker helper', () => {
  it.each([
    ['cjs', 'offload-worker.js', 'work.js', 'driver.js', false, 'module.exports = { primesBelow, fail, echo };'],
    ['esm', 'offload-worker.mjs', 'work.mjs', 'driver.mjs', true, 'export { primesBelow, fail, echo };'],
  ] as const)('%s: runs the function on a worker, keeps the event loop free, brings errors back', (flavor, helper, target, driver, esm, exports) => {
    const dir = scratch();
    writeFileSync(path.join(dir, helper), workerHelperSource(flavor));
    writeFileSync(path.join(dir, target), `${WORK}\n${exports}\n`);
    writeFileSync(path.join(dir, driver), DRIVER(helper, target, esm));
    const out = execFileSync(process.execPath, [driver], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const r = JSON.parse(out) as Record<string, unknown> & { ticks: number };
    expect(r.primes).toBe(114155);
    // Seconds of computing on the worker: the 5 ms timer ran all along.
    expect(r.ticks).toBeGreaterThanOrEqual(10);
    expect(r.error).toEqual({ name: 'Error', message: 'no such row', code: 'E_ROW', isError: true });
    expect(r.echoed).toEqual({ at: '1970-01-01T00:00:00.000Z', tags: ['a'], n: '1' });
    expect(r.many).toEqual([4, 4, 5, 5, 6, 6]);
    expect(r.cloneError).toBe('DataCloneError');
  });

  it('runs `module.exports = fn` when the export name is empty', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'offload-worker.js'), workerHelperSource('cjs'));
    writeFileSync(path.join(dir, 'double.js'), 'module.exports = (x) => x * 2;\n');
    writeFileSync(path.join(dir, 'driver.js'), "require('./offload-worker').runInWorker(require.resolve('./double'), '', [21]).then((v) => console.log(v));\n");
    expect(execFileSync(process.execPath, ['driver.js'], { cwd: dir, encoding: 'utf8', timeout: 60_000 })).toBe('42\n');
  });

  it('type-checks in both TypeScript forms under the strictest options', () => {
    const dir = scratch();
    writeFileSync(path.join(dir, 'esm.mts'), workerHelperSource('ts-esm'));
    writeFileSync(path.join(dir, 'cjs.cts'), workerHelperSource('ts-cjs'));
    writeFileSync(
      path.join(dir, 'use.mts'),
      "import { runInWorker } from './esm.mjs';\nexport function twice(n: number): number { return n * 2; }\nexport async function main(): Promise<number> {\n  const n: number = await runInWorker<typeof twice>(new URL('./use.mjs', import.meta.url), 'twice', [2]);\n  return n;\n}\n",
    );
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          noEmit: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          noPropertyAccessFromIndexSignature: true,
          noUnusedLocals: true,
          noUnusedParameters: true,
          skipLibCheck: true,
          types: ['node'],
          typeRoots: [path.join(repo, 'node_modules', '@types')],
        },
      }),
    );
    const r = spawnSync(process.execPath, [path.join(repo, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
