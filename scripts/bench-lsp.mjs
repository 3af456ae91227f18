#!/usr/bin/env node
// Benchmark (not a test) of `awaitify lsp`: in a generated project of about
// 2,000 files (scripts/gen-bench-tree.mjs: Express in JS/TS and a Django
// project), the time from a one-line didChange to the publishDiagnostics of
// that version, for a Python view and for a TypeScript router; the server's
// default debounce is included. Goal: <= 300 ms.
//
//   npm run bench:lsp -- [--areas 300] [--apps 45] [--runs 3] [--keep] [--only python|typescript]
//                        [--cpu-prof-dir dir]   (a CPU profile of the server, written when it exits)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { generateTree } from './gen-bench-tree.mjs';

const { values: flags } = parseArgs({
  options: { areas: { type: 'string', default: '300' }, apps: { type: 'string', default: '45' }, seed: { type: 'string', default: '1' }, runs: { type: 'string', default: '3' }, keep: { type: 'boolean', default: false }, only: { type: 'string' }, 'cpu-prof-dir': { type: 'string' } },
});
const cli = fileURLToPath(new URL('../dist/cli/awaitify.js', import.meta.url));
if (!existsSync(cli)) throw new Error('bench-lsp: build first (npx tsc -p tsconfig.json)');
const runs = Math.max(1, Number(flags.runs));

const tree = mkdtempSync(path.join(os.tmpdir(), 'awaitify-bench-lsp-'));
const counts = generateTree(tree, { areas: Number(flags.areas), apps: Number(flags.apps), seed: Number(flags.seed) });
console.log(`lsp bench tree: ${tree}: ${counts.files} files`);

function firstFile(dir, test) {
  for (const entry of readdirSync(dir).sort()) {
    const abs = path.join(dir, entry);
    if (statSync(abs).isDirectory()) {
      const found = firstFile(abs, test);
      if (found) return found;
    } else if (test(abs)) return abs;
  }
  return undefined;
}

const profile = flags['cpu-prof-dir'] ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(flags['cpu-prof-dir'])}`] : [];
const child = spawn(process.execPath, [...profile, cli, 'lsp', '--stdio'], { cwd: tree, stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', (p) => {
  const key = `${p.uri}@${p.version}`;
  waiting.get(key)?.(p);
  waiting.delete(key);
});
connection.onNotification('window/logMessage', () => undefined);
connection.listen();
const published = (uri, version) => new Promise((resolve) => waiting.set(`${uri}@${version}`, resolve));

/** The server's CPU time so far in ms (Linux /proc; undefined elsewhere): wall time on a loaded machine is noisy. */
function serverCpuMs() {
  const stat = `/proc/${child.pid}/stat`;
  if (!existsSync(stat)) return undefined;
  const text = readFileSync(stat, 'utf8');
  // utime and stime (fields 14 and 15), in clock ticks of 10 ms (USER_HZ on Linux).
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
try {
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(tree).href, capabilities: {} });
  await connection.sendNotification('initialized', {});
  const files = [
    ['python', firstFile(tree, (f) => f.endsWith('views.py'))],
    ['typescript', firstFile(path.join(tree, 'src'), (f) => f.endsWith('.ts') && f.includes('routes'))],
  ].filter(([languageId]) => !flags.only || flags.only === languageId);
  for (const [languageId, file] of files) {
    if (!file) throw new Error(`no ${languageId} file in the generated tree`);
    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n').length;
    let started = performance.now();
    const opened = published(uri, 1);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    const first = await opened;
    console.log(`${languageId}: ${path.relative(tree, file)} opened: diagnostics in ${Math.round(performance.now() - started)} ms (${first.diagnostics.length} diagnostics)`);
    const times = [];
    const cpu = [];
    for (let version = 2; version < 2 + runs; version++) {
      // One line added at the end of the file (a new statement each time).
      const line = languageId === 'python' ? `EDITED_${version} = ${version}\n` : `export const edited${version} = ${version};\n`;
      started = performance.now();
      const cpuBefore = serverCpuMs();
      const done = published(uri, version);
      await connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: lines - 1 + version - 2, character: 0 }, end: { line: lines - 1 + version - 2, character: 0 } }, text: line }],
      });
      await done;
      times.push(performance.now() - started);
      if (cpuBefore !== undefined) cpu.push(serverCpuMs() - cpuBefore);
    }
    console.log(`${languageId}: one-line change -> diagnostics: ${times.map((t) => `${Math.round(t)} ms`).join(', ')}; median ${Math.round(median(times))} ms (goal <= 300 ms)`);
    if (cpu.length) console.log(`${languageId}: server CPU per change: ${cpu.map((t) => `${Math.round(t)} ms`).join(', ')}; median ${Math.round(median(cpu))} ms`);
  }
  // The server's peak memory (Linux): what it keeps between analyses.
  const status = `/proc/${child.pid}/status`;
  const peak = existsSync(status) ? /VmHWM:\s*(\d+) kB/.exec(readFileSync(status, 'utf8'))?.[1] : undefined;
  if (peak) console.log(`server peak RSS: ${Math.round(Number(peak) / 1024)} MiB`);
  await connection.sendRequest('shutdown');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await connection.sendNotification('exit');
  // A profile is written when the server exits on its own.
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
} finally {
  connection.dispose();
  child.kill();
  if (flags.keep) console.log(`kept ${tree}`);
  else rmSync(tree, { recursive: true, force: true });
}
