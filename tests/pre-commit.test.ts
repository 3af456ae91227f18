// The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit
// (from PyPI, in a virtualenv of this test's own) with `pre-commit try-repo`
// on a scratch git repository: pre-commit installs awaitify from this
// checkout the way it does for any user (npm, from git) and runs the hooks on
// the files it passes. The expected results come from the checkout's own CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..');
const cli = path.join(repo, 'dist/cli/awaitify.js');
const work = mkdtempSync(path.join(os.tmpdir(), 'awaitify-pre-commit-'));
const venv = path.join(work, 'venv');
const project = path.join(work, 'project');
afterAll(() => rmSync(work, { recursive: true, force: true }));

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'demo', dependencies: { express: '^4.21.0' } }, null, 2) + '\n',
  'src/app.js': `const express = require('express');
const fs = require('fs');
const { loadConfig } = require('./config');

const app = express();
app.get('/notes', (req, res) => {
  res.send(fs.readFileSync('notes.txt', 'utf8'));
});
app.get('/config', (req, res) => {
  res.json(loadConfig('settings.json'));
});
module.exports = app;
`,
  'src/config.js': `const fs = require('fs');

function loadConfig(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

module.exports = { loadConfig };
`,
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=hooks@awaitify', '-c', 'user.name=hooks', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function freshProject(): void {
  rmSync(project, { recursive: true, force: true });
  for (const [name, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(project, name)), { recursive: true });
    writeFileSync(path.join(project, name), text);
  }
  git(project, 'init', '-q');
  git(project, 'add', '-A');
  git(project, 'commit', '-qm', 'init');
}

/** `pre-commit try-repo <this checkout> <hook> ...` in the scratch project. */
function tryRepo(hook: string, ...args: string[]): { code: number | null; output: string } {
  const r = spawnSync(path.join(venv, 'bin/pre-commit'), ['try-repo', repo, hook, ...args], {
    cwd: project,
    env: { ...process.env, PRE_COMMIT_HOME: path.join(work, 'cache'), NO_COLOR: '1', PRE_COMMIT_COLOR: 'never' },
    encoding: 'utf8',
    timeout: 900_000,
  });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

beforeAll(() => {
  execFileSync('python3', ['-m', 'venv', venv]);
  execFileSync(path.join(venv, 'bin/pip'), ['install', '--quiet', '--disable-pip-version-check', 'pre-commit==4.7.0'], { stdio: 'inherit' });
  freshProject();
});

describe('pre-commit hooks', () => {
  it('awaitify-check reports what `awaitify check` reports, and fails the commit', () => {
    const direct = spawnSync(process.execPath, [cli, 'check', 'src/app.js', 'src/config.js'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(direct.status).toBe(1);
    const findings = direct.stdout.split('\n').filter(Boolean);
    expect(findings.length).toBeGreaterThan(3);

    const hook = tryRepo('awaitify-check', '--all-files');
    expect(hook.code).toBe(1);
    expect(hook.output).toMatch(/awaitify check\.+Failed/);
    for (const line of findings) expect(hook.output).toContain(line);
  }, 1_200_000);

  it('awaitify-migrate writes the migration of the files it is given, analysing the whole project', () => {
    // The expected files: the checkout's CLI on a copy of the project.
    const copy = path.join(work, 'expected');
    cpSync(project, copy, { recursive: true });
    expect(spawnSync(process.execPath, [cli, 'migrate', '--write'], { cwd: copy }).status).toBe(0);

    const hook = tryRepo('awaitify-migrate', '--all-files');
    // pre-commit fails a hook that changes files, so the change can be reviewed and staged.
    expect(hook.code).toBe(1);
    expect(hook.output).toMatch(/files were modified by this hook/);
    for (const name of ['src/app.js', 'src/config.js']) {
      expect(readFileSync(path.join(project, name), 'utf8')).toBe(readFileSync(path.join(copy, name), 'utf8'));
    }
    expect(readFileSync(path.join(project, 'src/config.js'), 'utf8')).not.toBe(FILES['src/config.js']);

    // Only config.js passed: its caller in app.js is read, not changed, so loadConfig stays sync and the finding names the call.
    freshProject();
    const partial = tryRepo('awaitify-check', '--files', 'src/config.js');
    expect(partial.code).toBe(1);
    expect(partial.output).toContain('src/app.js:10');
    const write = tryRepo('awaitify-migrate', '--files', 'src/config.js');
    expect(write.code).toBe(0);
    expect(git(project, 'status', '--porcelain')).toBe('');
  }, 1_200_000);
});
