// The built command line on trees with symlinks, `..` paths, FIFOs and large
// files: nothing outside the root is read or written, every skip is reported
// with its reason, and the dry-run diff applies with `git apply` and `patch -p1`.
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..');
const cli = path.join(repo, 'dist/cli/awaitify.js');
const scratch = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'awaitify-inside-')));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function awaitify(cwd: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

function run(cwd: string, cmd: string, ...args: string[]): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

function commitAll(dir: string): void {
  run(dir, 'git', 'init', '-q');
  run(dir, 'git', 'add', '-A');
  run(dir, 'git', '-c', 'user.email=t@awaitify', '-c', 'user.name=t', 'commit', '-qm', 'input', '--no-gpg-sign');
}

const HANDLER = `const fs = require('fs');
const express = require('express');
const app = express();
app.get('/', (req, res) => {
  res.send(fs.readFileSync('page.html', 'utf8'));
});
module.exports = app;
`;

const PACKAGE = JSON.stringify({ dependencies: { express: '^5.1.0' } });

/** A fresh directory with the files given (`name` → text). */
function tree(name: string, files: Record<string, string>): string {
  const dir = path.join(scratch, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

interface JsonFile {
  path: string;
  status: string;
  reason: string | null;
}

function files(stdout: string): string[] {
  return (JSON.parse(stdout) as { files: JsonFile[] }).files.map((f) => `${f.path} ${f.status}${f.reason ? `: ${f.reason.replaceAll(scratch, '<tmp>')}` : ''}`);
}

describe('paths with ..: the diff applies from the repository top', () => {
  it('with git apply and patch -p1, for a path above the current directory', () => {
    const top = tree('dotdot', { 'app/package.json': PACKAGE, 'app/server.js': HANDLER, 'other/y.js': HANDLER });
    commitAll(top);
    const r = awaitify(path.join(top, 'app'), 'migrate', '../other/y.js');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['diff --git a/other/y.js b/other/y.js', '--- a/other/y.js', '+++ b/other/y.js']);
    writeFileSync(path.join(scratch, 'dotdot.diff'), r.stdout);
    run(top, 'git', 'apply', '--check', path.join(scratch, 'dotdot.diff'));
    run(top, 'patch', '-p1', '--dry-run', '-i', path.join(scratch, 'dotdot.diff'));
    // And for real: the result is what --write produces.
    run(top, 'patch', '-p1', '-s', '-i', path.join(scratch, 'dotdot.diff'));
    expect(readFileSync(path.join(top, 'other/y.js'), 'utf8')).toContain("res.send(await readFile('page.html', 'utf8'));");
  });

  it('with --root above the git work tree, from the root, and outside git from the root the path names', () => {
    const base = tree('above', { 'repo/package.json': PACKAGE, 'repo/src/x.js': HANDLER, 'plain/a/keep.txt': '', 'plain/b/y.js': HANDLER });
    commitAll(path.join(base, 'repo'));
    const r = awaitify(path.join(base, 'repo', 'src'), 'migrate', '--root', '../..', '.');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('diff --git a/repo/src/x.js b/repo/src/x.js');
    writeFileSync(path.join(scratch, 'above.diff'), r.stdout);
    run(base, 'patch', '-p1', '--dry-run', '-i', path.join(scratch, 'above.diff'));
    run(base, 'git', 'apply', '--check', path.join(scratch, 'above.diff'));

    const outside = awaitify(path.join(base, 'plain', 'a'), 'migrate', '../b/y.js');
    expect(outside.code).toBe(0);
    expect(outside.stdout.split('\n')[0]).toBe('diff --git a/y.js b/y.js');
    writeFileSync(path.join(scratch, 'plain.diff'), outside.stdout);
    run(path.join(base, 'plain', 'b'), 'patch', '-p1', '--dry-run', '-i', path.join(scratch, 'plain.diff'));
  });
});

describe('symlinks', () => {
  it('writes a symlinked file inside the root through to its target and keeps the link; never reads or writes a target outside the root', () => {
    const base = tree('links', { 'root/package.json': PACKAGE, 'root/src/real/handler.js': HANDLER, 'outside/lib/ext.js': HANDLER, 'outside/ext.js': HANDLER });
    const root = path.join(base, 'root');
    symlinkSync('real/handler.js', path.join(root, 'src', 'alias.js'));
    symlinkSync('real', path.join(root, 'src', 'again'));
    symlinkSync(path.join(base, 'outside', 'lib'), path.join(root, 'src', 'outlib'));
    symlinkSync(path.join(base, 'outside', 'ext.js'), path.join(root, 'src', 'ext.js'));
    commitAll(root);

    const dry = awaitify(root, 'migrate', 'src', '--format', 'json');
    expect(files(dry.stdout)).toEqual([
      'src/ext.js skipped: a symlink to <tmp>/links/outside/ext.js, outside the project root <tmp>/links/root: awaitify never reads or writes outside it',
      'src/outlib skipped: a symlink to the directory <tmp>/links/outside/lib, outside the project root <tmp>/links/root: not followed',
      'src/real/handler.js changed',
    ]);
    // The same tree through a glob: the same files, the same skips.
    expect(files(awaitify(root, 'migrate', 'src/**/*.js', '--format', 'json').stdout)).toEqual(files(dry.stdout));

    const written = awaitify(root, 'migrate', 'src', '--write');
    expect(written.code).toBe(0);
    expect(written.stderr.split('\n')[0]).toMatch(/^awaitify: 3 files: .*1 .*, 0 unchanged, 2 skipped, 0 failed/);
    expect(lstatSync(path.join(root, 'src', 'alias.js')).isSymbolicLink()).toBe(true);
    expect(readFileSync(path.join(root, 'src', 'real', 'handler.js'), 'utf8')).toContain('await readFile(');
    expect(readFileSync(path.join(base, 'outside', 'ext.js'), 'utf8')).toBe(HANDLER);
    expect(readFileSync(path.join(base, 'outside', 'lib', 'ext.js'), 'utf8')).toBe(HANDLER);
  });
});

describe('limits', () => {
  it('skips a file over --max-file-size (default 1 MB) and a minified one, with the reason, and counts them', () => {
    const big = `${HANDLER}${'// padding line of a big hand-written file\n'.repeat(36000)}`;
    const dir = tree('limits', { 'package.json': PACKAGE, 'big.js': big, 'min.js': `${'var a=1;'.repeat(1000)}\n`, 'small.js': HANDLER });
    const r = awaitify(dir, 'migrate', '--format', 'json');
    expect(files(r.stdout)).toEqual([
      'big.js skipped: 1.5 MB, over the size limit of 1 MB: not read (pass --max-file-size 2MB to include it)',
      'min.js skipped: looks minified (a line of 8000 characters): not rewritten',
      'small.js changed',
    ]);
    expect((JSON.parse(r.stdout) as { summary: { files: Record<string, number> } }).summary.files).toEqual({ changed: 1, unchanged: 0, skipped: 2, failed: 0, total: 3 });
    expect(files(awaitify(dir, 'migrate', '--max-file-size', '2MB', '--format', 'json').stdout)[0]).toBe('big.js changed');
    expect(files(awaitify(dir, 'migrate', '--max-file-size', '100', '--format', 'json').stdout)[2]).toBe(
      `small.js skipped: ${Buffer.byteLength(HANDLER)} bytes, over the size limit of 100 bytes: not read (pass --max-file-size 1MB to include it)`,
    );
    const bad = awaitify(dir, 'migrate', '--max-file-size', 'huge');
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([2, 'awaitify: --max-file-size huge: expected a size such as 2MB, 500k or a number of bytes']);
  });

  it('skips a FIFO without opening it (the run does not hang) and lists it', () => {
    const dir = tree('fifo', { 'package.json': PACKAGE, 'app.js': HANDLER });
    execFileSync('mkfifo', [path.join(dir, 'pipe.js')]);
    const started = Date.now();
    const r = awaitify(dir, 'check', '--format', 'json');
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(files(r.stdout)).toEqual(['app.js changed', 'pipe.js skipped: a FIFO (named pipe), not a regular file: awaitify never opens it']);
    expect(r.stderr).toContain('skipped:\n  pipe.js a FIFO (named pipe), not a regular file: awaitify never opens it\n');
  });
});

describe('the offload helper', () => {
  const SERVER = `import express from 'express';
import { buildReport } from './lib/report.mjs';

const app = express();
app.post('/report', (req, res) => {
  res.json(buildReport(req.body.sales));
});

export default app;
`;
  const REPORT = `export function buildReport(sales) {
  let total = 0;
  for (const s of sales) total += s.amount;
  return { total };
}
`;

  it('is never created above the current directory or beside the named files: the offload is then manual, with the reason', () => {
    const dir = tree('helper', { 'package.json': PACKAGE, 'server.mjs': SERVER, 'lib/report.mjs': REPORT });
    commitAll(dir);
    const spec = ['--offload', 'lib/report.mjs:buildReport'];
    const fromLib = awaitify(path.join(dir, 'lib'), 'migrate', '.', '../server.mjs', ...spec, '--format', 'json');
    const report = JSON.parse(fromLib.stdout) as { files: JsonFile[]; findings: { rule: string; path: string; line: number; safety: string; message: string }[] };
    expect(report.files.map((f) => `${f.path} ${f.status}`)).toEqual(['lib/report.mjs unchanged', 'server.mjs unchanged']);
    expect(report.findings.filter((f) => f.rule === 'worker-offload').map((f) => `${f.path}:${f.line} ${f.safety} ${f.message}`)).toEqual([
      'lib/report.mjs:1 manual `buildReport` is listed with --offload, but awaitify does not run it on a worker thread: its worker helper offload-worker.mjs would have to be created in the project root, outside the directories named in this run (awaitify never creates a file above or beside them); run awaitify on the project root to create it there.',
      'server.mjs:6 manual `buildReport` could run on a worker thread here, but its worker helper offload-worker.mjs would have to be created in the project root, outside the directories named in this run (awaitify never creates a file above or beside them); run awaitify on the project root to create it there.',
    ]);
    // Named as a file, server.mjs does not open its directory either.
    expect(awaitify(dir, 'migrate', 'server.mjs', ...spec).stdout).toBe('');
    // From the root, the helper is created there.
    expect(awaitify(dir, 'migrate', '.', ...spec).stdout).toMatch(/^diff --git a\/offload-worker\.mjs b\/offload-worker\.mjs\nnew file mode 100644\n/);
  });
});
