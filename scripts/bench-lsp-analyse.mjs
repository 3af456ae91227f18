#!/usr/bin/env node
// Benchmark (not a test): the language server's re-analysis after one-line
// edits of a Django view (or, with --lang typescript, of the TypeScript router
// bench-lsp.mjs edits), in this process (Project.analyse called directly,
// no protocol, no debounce), on the bench tree of bench-lsp.mjs; the CPU
// time of each edit's analysis (process.cpuUsage: all threads) and, with
// --prof FILE, a CPU profile of the edits only (not of the first analysis).
//
//   node scripts/bench-lsp-analyse.mjs [--edits 12] [--tree dir] [--dist root-with-dist] [--prof file] [--lang python|typescript]
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateTree } from './gen-bench-tree.mjs';

const { values: flags } = parseArgs({ options: { edits: { type: 'string', default: '12' }, tree: { type: 'string' }, dist: { type: 'string' }, prof: { type: 'string' }, lang: { type: 'string', default: 'python' } } });
const typescript = flags.lang === 'typescript';
const root = flags.dist ? path.resolve(flags.dist) : fileURLToPath(new URL('..', import.meta.url));
const { Project } = await import(pathToFileURL(path.join(root, 'dist/cli/lsp/project.js')).href);
const tree = flags.tree ? path.resolve(flags.tree) : mkdtempSync(path.join(os.tmpdir(), 'awaitify-bench-analyse-'));
if (!flags.tree || readdirSync(tree).length === 0) generateTree(tree, { areas: 300, apps: 45, seed: 1 });

// The view bench-lsp.mjs edits: the first views.py in a walk of the tree in sorted order.
const byParts = (a, b) => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
};
const views = readdirSync(tree, { recursive: true }).filter((f) => f.endsWith('views.py')).map((f) => f.split(path.sep));
// The router bench-lsp.mjs edits: the first .ts file under src/ with 'routes' in its path, in a walk in sorted order.
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
const file = typescript ? firstFile(path.join(tree, 'src'), (f) => f.endsWith('.ts') && f.includes('routes')) : path.join(tree, ...views.sort(byParts)[0]);
let text = readFileSync(file, 'utf8');
let version = 1;
const project = new Project(tree, () => [{ absPath: file, text, version }], (m) => process.stderr.write(`${m}\n`));
const cpuMs = (since) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};
let since = process.cpuUsage();
let analysis = await project.analyse();
console.log(`${path.relative(tree, file)}: first analysis: ${Math.round(cpuMs(since))} ms CPU, ${analysis.findings.length} findings`);
let session;
if (flags.prof) {
  const { Session } = await import('node:inspector/promises');
  session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
}
const cpu = [];
for (let i = 0; i < Number(flags.edits); i++) {
  version++;
  text += typescript ? `export const edited${version} = ${version};\n` : `EDITED_${version} = ${version}\n`;
  since = process.cpuUsage();
  analysis = await project.analyse();
  cpu.push(cpuMs(since));
}
if (session) writeFileSync(flags.prof, JSON.stringify((await session.post('Profiler.stop')).profile));
const median = [...cpu].sort((a, b) => a - b)[Math.floor((cpu.length - 1) / 2)];
console.log(`edits: ${cpu.map((t) => `${Math.round(t)} ms`).join(', ')} CPU; median ${Math.round(median)} ms (${analysis.findings.length} findings)`);
if (!flags.tree) rmSync(tree, { recursive: true, force: true });
