#!/usr/bin/env node
// Benchmark (not a test): a dry run of the built CLI over a generated tree of
// a few thousand files; prints files per second and peak memory.
//
//   npm run bench -- [--areas 400] [--apps 60] [--runs 3] [--keep] [--no-lsp]
//
// Then the language server's benchmark (scripts/bench-lsp.mjs, its own tree of
// about 2,000 files): a one-line change to diagnostics; --no-lsp leaves it out.
//
// Then real JS/TS trees against the type-checker floor, when their paths are
// given (scripts/bench-js-trees.mjs says how).
//
// Peak memory is the child's maximum resident set size, from `/usr/bin/time -v`
// when present, else from the CLI's own `--stats` line (process.resourceUsage).
//
// Real trees, when their path is given (skipped with a message otherwise):
//   AWAITIFY_BENCH_SALEOR=/path/to/saleor   a checkout of github.com/saleor/saleor (Python/Django)
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchJsTrees } from './bench-js-trees.mjs';
import { generateTree } from './gen-bench-tree.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/cli/awaitify.js');
const args = process.argv.slice(2);
const num = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const keep = args.includes('--keep');
const runs = Math.max(1, num('--runs', 3));

if (!existsSync(cli)) {
  console.log('building dist/ ...');
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
  } catch {
    if (!existsSync(cli)) process.exit(1);
  }
}

const tree = mkdtempSync(path.join(os.tmpdir(), 'awaitify-bench-'));
const t0 = performance.now();
const counts = generateTree(tree, { areas: num('--areas', 400), apps: num('--apps', 60), seed: num('--seed', 1) });
console.log(`tree: ${tree}`);
console.log(`      ${counts.files} files, ${counts.blockingFiles} of them with blocking calls (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function runOnce(cwd = tree) {
  return new Promise((resolve, reject) => {
    const command = [process.execPath, cli, 'migrate', '--no-progress', '--stats', '.'];
    const child = timeBin ? spawn(timeBin, ['-v', ...command], { cwd }) : spawn(command[0], command.slice(1), { cwd });
    let diffBytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk) => (diffBytes += chunk.length));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const started = performance.now();
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - started;
      const statsLine = /^awaitify-stats (.*)$/m.exec(stderr);
      const stats = statsLine ? JSON.parse(statsLine[1]) : undefined;
      const timeRss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const peakKiB = timeRss ? Number(timeRss[1]) : stats?.maxRssKiB;
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
      const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
      const cpuMs = user && sys ? (Number(user[1]) + Number(sys[1])) * 1000 : undefined;
      const summary = stderr.split('\n').filter((l) => /^(awaitify: \d|findings: )/.test(l));
      resolve({ code, wallMs, cpuMs, diffBytes, stats, peakKiB, peakFrom: timeRss ? '/usr/bin/time -v' : 'process.resourceUsage', summary, stderr });
    });
  });
}

const results = [];
try {
  for (let i = 1; i <= runs; i++) {
    const r = await runOnce();
    if (r.code !== 0 && r.code !== 3) {
      console.error(`awaitify exited ${r.code}:\n${r.stderr}`);
      process.exitCode = 1;
      break;
    }
    results.push(r);
    const files = r.stats?.files ?? counts.files;
    console.log(
      `run ${i}: ${(r.wallMs / 1000).toFixed(2)} s wall, ${(files / (r.wallMs / 1000)).toFixed(0)} files/s, ` +
        `peak RSS ${(r.peakKiB / 1024).toFixed(0)} MiB (${r.peakFrom}), diff ${(r.diffBytes / 1024).toFixed(0)} KiB, exit ${r.code}`,
    );
    for (const line of r.summary) console.log(`       ${line}`);
    if (r.stats?.phasesMs) console.log(`       phases (ms, first to last progress report): ${Object.entries(r.stats.phasesMs).map(([p, ms]) => `${p} ${ms}`).join(', ')}`);
  }
  if (results.length > 1) {
    const sorted = [...results].sort((a, b) => a.wallMs - b.wallMs);
    const median = sorted[Math.floor((sorted.length - 1) / 2)];
    const files = median.stats?.files ?? counts.files;
    console.log(
      `median of ${results.length}: ${(median.wallMs / 1000).toFixed(2)} s, ${(files / (median.wallMs / 1000)).toFixed(0)} files/s, ` +
        `max peak RSS ${(Math.max(...results.map((r) => r.peakKiB)) / 1024).toFixed(0)} MiB`,
    );
  }
} finally {
  if (keep) console.log(`kept ${tree}`);
  else rmSync(tree, { recursive: true, force: true });
}

// Real trees: a dry run over each, `runs` times, wall time and peak RSS (see docs/performance.md).
const realTrees = [{ name: 'saleor (Python/Django)', env: 'AWAITIFY_BENCH_SALEOR', source: 'https://github.com/saleor/saleor' }];
for (const real of realTrees) {
  const dir = process.env[real.env];
  if (!dir || !existsSync(dir)) {
    console.log(`${real.name}: skipped (set ${real.env} to a checkout of ${real.source}${dir ? `; ${dir} does not exist` : ''})`);
    continue;
  }
  const walls = [];
  for (let i = 1; i <= runs; i++) {
    const r = await runOnce(path.resolve(dir));
    if (r.code !== 0 && r.code !== 3) {
      console.error(`${real.name}: awaitify exited ${r.code}:\n${r.stderr}`);
      process.exitCode = 1;
      break;
    }
    walls.push(r.wallMs);
    const cpu = r.cpuMs !== undefined ? `, CPU/wall ${(r.cpuMs / r.wallMs).toFixed(2)}` : '';
    console.log(
      `${real.name} run ${i}: ${(r.wallMs / 1000).toFixed(2)} s wall${cpu}, ${r.stats?.files ?? '?'} files, peak RSS ${(r.peakKiB / 1024).toFixed(0)} MiB (${r.peakFrom}), diff ${(r.diffBytes / 1024).toFixed(0)} KiB`,
    );
  }
  if (walls.length > 1) console.log(`${real.name} median of ${walls.length}: ${([...walls].sort((a, b) => a - b)[Math.floor((walls.length - 1) / 2)] / 1000).toFixed(2)} s`);
}

await benchJsTrees(root, runs);
if (!args.includes('--no-lsp') && !process.exitCode) {
  console.log('');
  execFileSync(process.execPath, [path.join(root, 'scripts/bench-lsp.mjs')], { stdio: 'inherit' });
}
