// Benchmark (not a test): awaitify dry runs on real JS/TS trees against the
// floor on the same files (scripts/ts-floor.mjs: a ts-morph Project holding
// them + its type checker), run in turn A B A B so a drifting machine hits
// both alike. The trees are not in the repository: name them by env var.
//
//   AWAITIFY_BENCH_WEBPACK=/path/to/webpack AWAITIFY_BENCH_TYPEORM=/path/to/typeorm npm run bench
//
// Prints each tree's median seconds and peak RSS for both commands and the
// median of the per-pair ratios awaitify / floor (the goal: <= 1.2, <= 1 GB).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

export const JS_TREES = [
  { name: 'webpack', env: 'AWAITIFY_BENCH_WEBPACK' },
  { name: 'typeorm', env: 'AWAITIFY_BENCH_TYPEORM' },
];

const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** One timed child process: wall ms and peak RSS KiB (from /usr/bin/time -v, when present). */
function timed(command, cwd) {
  return new Promise((resolve, reject) => {
    const child = timeBin ? spawn(timeBin, ['-v', ...command], { cwd }) : spawn(command[0], command.slice(1), { cwd });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const started = performance.now();
    child.on('error', reject);
    child.on('close', (code) => {
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      resolve({ code, wallMs: performance.now() - started, peakKiB: rss ? Number(rss[1]) : undefined, stderr });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const mib = (kib) => (kib === undefined ? '?' : `${(kib / 1024).toFixed(0)} MiB`);

export async function benchJsTrees(root, runs) {
  const cli = path.join(root, 'dist/cli/awaitify.js');
  const floor = path.join(root, 'scripts/ts-floor.mjs');
  for (const tree of JS_TREES) {
    const dir = process.env[tree.env];
    if (!dir) {
      console.log(`${tree.name}: skipped (set ${tree.env} to a checkout of ${tree.name} to benchmark it)`);
      continue;
    }
    if (!existsSync(dir)) {
      console.log(`${tree.name}: skipped (${tree.env}=${dir} does not exist)`);
      continue;
    }
    const ours = [];
    const floors = [];
    for (let i = 0; i < runs; i++) {
      const a = await timed([process.execPath, cli, 'migrate', '.', '--no-progress', '--format', 'json'], dir);
      if (a.code !== 0 && a.code !== 3) {
        console.error(`${tree.name}: awaitify exited ${a.code}:\n${a.stderr}`);
        process.exitCode = 1;
        return;
      }
      const b = await timed([process.execPath, floor, dir], dir);
      ours.push(a);
      floors.push(b);
      console.log(`${tree.name} run ${i + 1}: awaitify ${(a.wallMs / 1000).toFixed(2)} s ${mib(a.peakKiB)}; floor ${(b.wallMs / 1000).toFixed(2)} s ${mib(b.peakKiB)}; ratio ${(a.wallMs / b.wallMs).toFixed(2)}`);
    }
    const files = /(\d+) files,/.exec(floors[0].stderr)?.[1] ?? '?';
    console.log(
      `${tree.name} (${files} files), median of ${runs}: awaitify ${(median(ours.map((r) => r.wallMs)) / 1000).toFixed(2)} s, max peak ${mib(Math.max(...ours.map((r) => r.peakKiB ?? 0)))}; ` +
        `floor (ts-morph Project + checker) ${(median(floors.map((r) => r.wallMs)) / 1000).toFixed(2)} s; ratio ${median(ours.map((r, i) => r.wallMs / floors[i].wallMs)).toFixed(2)}`,
    );
  }
}
