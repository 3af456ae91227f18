// The built command line (`node dist/cli/awaitify.js`) run as a child
// process over small Express projects: exit codes, formats, writing, refusals.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProgress } from '../cli/progress.js';

const repo = path.resolve(import.meta.dirname, '..');
const cli = path.join(repo, 'dist/cli/awaitify.js');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  raw: Buffer;
}

function awaitify(cwd: string, ...args: string[]): Run {
  const env = { ...process.env };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  delete env.GITHUB_STEP_SUMMARY;
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), raw: r.stdout };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=cli@awaitify', '-c', 'user.name=cli', '-c', 'core.autocrlf=false', ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

// An Express 5 app whose handler reads a file through a helper: the handler
// and the helper become async, the read becomes an awaited promise call.
const ROUTES = `import express from 'express';
import { loadConfig } from './config.js';

export const router = express.Router();

router.get('/config', (req, res) => {
  const config = loadConfig('settings.json');
  res.json(config);
});
`;

const CONFIG = `import fs from 'node:fs';

export function loadConfig(file: string) {
  const text = fs.readFileSync(file, 'utf8');
  return JSON.parse(text);
}
`;

const PACKAGE = JSON.stringify({ name: 'demo', type: 'module', dependencies: { express: '^5.1.0' } }, null, 2) + '\n';

// Nothing blocking: awaitify must leave it alone.
const CLEAN = `import express from 'express';

export const health = express.Router();

health.get('/health', (req, res) => {
  res.json({ ok: true });
});
`;

let counter = 0;

/** A fresh project directory holding `files`; a git repo with them committed when `commit`. */
function project(files: Record<string, string | Buffer>, commit = false): string {
  const dir = path.join(scratch, `p${++counter}`);
  mkdirSync(dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  if (commit) commitAll(dir);
  return dir;
}

function commitAll(dir: string): void {
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-qm', 'init', '--no-gpg-sign');
}

const app = () => ({ 'package.json': PACKAGE, 'src/routes.ts': ROUTES, 'src/config.ts': CONFIG, 'src/health.ts': CLEAN });

describe('awaitify migrate', () => {
  it('prints a diff on stdout and a summary on stderr, and changes nothing (exit 0)', () => {
    const dir = project(app());
    const r = awaitify(dir, 'migrate');
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^diff --git a\/src\/config\.ts b\/src\/config\.ts\n--- a\/src\/config\.ts\n\+\+\+ b\/src\/config\.ts\n@@ /);
    expect(r.stdout).toContain('diff --git a/src/routes.ts b/src/routes.ts\n');
    expect(r.stderr).toMatch(/^awaitify: 3 files: 2 to change, 1 unchanged, 0 skipped, 0 failed \(dry run; pass --write to apply\)\n/);
    expect(r.stderr).toMatch(/\nfindings: \d+ safe, \d+ review, \d+ manual; \d+ to apply\n/);
    expect(readFileSync(path.join(dir, 'src/config.ts'), 'utf8')).toBe(CONFIG);
    expect(readFileSync(path.join(dir, 'src/routes.ts'), 'utf8')).toBe(ROUTES);
  });

  it('prints a diff that git apply turns into exactly what --write writes, CRLF and BOM files included', () => {
    const files = {
      ...app(),
      'src/crlf.ts': CONFIG.replace('loadConfig', 'loadCrlf').replace(/\n/g, '\r\n'),
      'src/bom.ts': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CONFIG.replace('loadConfig', 'loadBom'))]),
      'src/more.ts': ROUTES.replace("'./config.js'", "'./crlf.js'").replace(/loadConfig/g, 'loadCrlf').replace('/config', '/crlf').trimEnd(),
      'src/bomroute.ts': ROUTES.replace("'./config.js'", "'./bom.js'").replace(/loadConfig/g, 'loadBom').replace('/config', '/bom'),
    };
    const applied = project(files, true);
    const written = project(files, true);
    const dry = awaitify(applied, 'migrate');
    expect(dry.code, dry.stderr).toBe(0);
    for (const f of ['src/crlf.ts', 'src/bom.ts', 'src/more.ts']) expect(dry.stdout).toContain(`diff --git a/${f} b/${f}\n`);
    const patch = path.join(scratch, `dry-${counter}.diff`);
    writeFileSync(patch, dry.raw);
    git(applied, 'apply', '--check', patch);
    git(applied, 'apply', patch);

    const write = awaitify(written, 'migrate', '--write');
    expect(write.code, write.stderr).toBe(0);
    expect(write.stdout).toBe('');
    for (const rel of Object.keys(files)) {
      expect(readFileSync(path.join(applied, rel)), rel).toEqual(readFileSync(path.join(written, rel)));
    }
    expect(readFileSync(path.join(written, 'src/crlf.ts'), 'utf8')).not.toMatch(/[^\r]\n/);
    expect([...readFileSync(path.join(written, 'src/bom.ts')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('migrates a Django view too, and its diff applies with git apply', () => {
    const view = 'import time\n\nfrom django.http import HttpResponse\n\n\ndef poll(request):\n    time.sleep(0.5)\n    return HttpResponse("ok")\n';
    const files = { 'requirements.txt': 'Django==4.2.16\n', 'polls/views.py': view };
    const applied = project(files, true);
    const written = project(files, true);
    const dry = awaitify(applied, 'migrate');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^diff --git a\/polls\/views\.py b\/polls\/views\.py\n/);
    const patch = path.join(scratch, `django-${counter}.diff`);
    writeFileSync(patch, dry.raw);
    git(applied, 'apply', patch);
    expect(awaitify(written, 'migrate', '--write').code).toBe(0);
    expect(readFileSync(path.join(applied, 'polls/views.py'), 'utf8')).toBe(readFileSync(path.join(written, 'polls/views.py'), 'utf8'));
    expect(readFileSync(path.join(written, 'polls/views.py'), 'utf8')).toContain('async def poll(request):');
  });

  it('prints diff paths from the top of the git work tree when run in a subdirectory', () => {
    const top = project({ 'web/package.json': PACKAGE, 'web/src/routes.ts': ROUTES, 'web/src/config.ts': CONFIG }, true);
    expect(existsSync(path.join(top, '.git'))).toBe(true);
    const r = awaitify(path.join(top, 'web'), 'migrate');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('diff --git a/web/src/config.ts b/web/src/config.ts\n');
    const patch = path.join(scratch, `sub-${counter}.diff`);
    writeFileSync(patch, r.raw);
    git(path.join(top, 'web'), 'apply', patch);
    expect(readFileSync(path.join(top, 'web/src/config.ts'), 'utf8')).not.toBe(CONFIG);
  });

  it('--check exits 1 when changes are pending and 0 when there are none', () => {
    const pending = awaitify(project(app()), 'migrate', '--check');
    expect(pending.code, pending.stderr).toBe(1);
    expect(pending.stdout).toContain('diff --git');
    const clean = awaitify(project({ 'package.json': PACKAGE, 'src/health.ts': CLEAN }), 'migrate', '--check');
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toBe('');
    expect(clean.stderr).toMatch(/^awaitify: 1 file: 0 to change, 1 unchanged, 0 skipped, 0 failed\n/);
  });

  it('--write writes atomically, keeps the file mode, and a second run finds nothing to do', () => {
    const dir = project(app());
    chmodSync(path.join(dir, 'src/config.ts'), 0o754);
    commitAll(dir);
    const r = awaitify(dir, 'migrate', '--write');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^awaitify: 3 files: 2 changed, 1 unchanged/);
    expect(r.stderr).not.toContain('dry run');
    expect(readFileSync(path.join(dir, 'src/config.ts'), 'utf8')).not.toBe(CONFIG);
    expect(statSync(path.join(dir, 'src/config.ts')).mode & 0o777).toBe(0o754);
    // No temp file is left behind beside the rewritten files.
    expect(readdirSync(path.join(dir, 'src')).sort()).toEqual(['config.ts', 'health.ts', 'routes.ts']);
    const again = awaitify(dir, 'migrate', '--check');
    expect(again.code, again.stdout + again.stderr).toBe(0);
  });

  it('refuses --write over uncommitted changes, naming the files, unless --allow-dirty', () => {
    const dir = project(app(), true);
    const edited = CONFIG.replace('return JSON.parse(text);', 'return JSON.parse(text); // edited');
    writeFileSync(path.join(dir, 'src/config.ts'), edited);
    const refused = awaitify(dir, 'migrate', '--write');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('src/config.ts');
    expect(refused.stderr).toMatch(/commit or stash them.*or pass --allow-dirty/s);
    expect(readFileSync(path.join(dir, 'src/config.ts'), 'utf8')).toBe(edited);
    expect(readFileSync(path.join(dir, 'src/routes.ts'), 'utf8')).toBe(ROUTES);

    const allowed = awaitify(dir, 'migrate', '--write', '--allow-dirty');
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'src/config.ts'), 'utf8')).not.toBe(edited);
  });

  it('reports a file that does not parse as path:line, migrates the rest, and exits 3', () => {
    const broken = "import fs from 'node:fs';\n\nexport function broken( {\n  return fs.readFileSync('x');\n";
    const dir = project({ ...app(), 'src/broken.ts': broken });
    const r = awaitify(dir, 'migrate');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/\nfailed:\n {2}src\/broken\.ts:\d+ \S/);
    expect(r.stdout).toContain('diff --git a/src/config.ts b/src/config.ts\n');
    expect(r.stdout).not.toContain('broken.ts');
    const quiet = awaitify(dir, 'migrate', '--quiet');
    expect(quiet.code).toBe(3);
    expect(quiet.stderr).toMatch(/^failed src\/broken\.ts:\d+ \S.*\n$/);
  });

  it('skips JSON data in a .js file (a config read with JSON.parse) with a reason, not as a failure (exit 0)', () => {
    const dir = project({ ...app(), 'config.js': '{\n  "port": 7777,\n  "storage": { "type": "file" }\n}\n' });
    const r = awaitify(dir, 'migrate');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\nskipped:\n {2}config\.js JSON data with a \.js name[^\n]*\n/);
    expect(r.stderr).not.toContain('failed:');
    expect(r.stdout).toContain('diff --git a/src/config.ts b/src/config.ts\n');
  });

  it('skips binary and non-UTF-8 files with a reason and goes on (exit 0)', () => {
    const dir = project({
      ...app(),
      'src/blob.js': Buffer.from([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x00, 0x01, 0x02]),
      'src/legacy.js': Buffer.from('// caf\xe9\nexport const x = 1;\n', 'latin1'),
    });
    const r = awaitify(dir, 'migrate');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\nskipped:\n {2}src\/blob\.js binary file[^\n]*\n {2}src\/legacy\.js not valid UTF-8[^\n]*\n/);
    const json = JSON.parse(awaitify(dir, 'migrate', '--format', 'json').stdout);
    expect(json.files.find((f: { path: string }) => f.path === 'src/blob.js')).toMatchObject({ status: 'skipped', reason: expect.stringContaining('binary') });
  });

  it('--format json prints the report instead of the diff', () => {
    const dir = project(app());
    const r = awaitify(dir, 'migrate', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['version', 'root', 'targets', 'summary', 'skippedDirectories', 'files', 'findings', 'suppressed', 'units', 'plan']);
    expect(report.version).toBe(JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version);
    expect(report.root).toBe(dir);
    expect(report.summary.files).toEqual({ changed: 2, unchanged: 1, skipped: 0, failed: 0, total: 3 });
    expect(report.files).toEqual([
      { path: 'src/config.ts', status: 'changed', reason: null, line: null, created: false },
      { path: 'src/health.ts', status: 'unchanged', reason: null, line: null, created: false },
      { path: 'src/routes.ts', status: 'changed', reason: null, line: null, created: false },
    ]);
    const read = report.findings.find((f: { path: string; line: number }) => f.path === 'src/config.ts' && f.line === 4);
    expect(read).toMatchObject({ path: 'src/config.ts', line: 4, applied: true });
    expect(Object.keys(read)).toEqual(['rule', 'path', 'line', 'column', 'endLine', 'endColumn', 'safety', 'message', 'applied', 'unit', 'heldBy']);
    // Each finding is in exactly one unit, and the unit lists it.
    type Site = { rule: string; path: string; line: number; column: number };
    const units = report.units as { id: string; findings: Site[] }[];
    expect(units.flatMap((u) => u.findings).length).toBe(report.findings.length);
    expect(units.find((u) => u.id === read.unit)!.findings).toContainEqual({ rule: read.rule, path: read.path, line: read.line, column: read.column });
    expect(['safe', 'review']).toContain(read.safety);
    expect(report.plan.asyncFunctions.map((f: { name: string }) => f.name)).toContain('loadConfig');
    expect(Object.keys(report.plan)).toEqual(['entries', 'asyncFunctions', 'awaitedCalls', 'boundaries']);
  });

  it('--format sarif, markdown and github print their formats', () => {
    const dir = project(app());
    const sarif = JSON.parse(awaitify(dir, 'migrate', '--format', 'sarif').stdout);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.some((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri === 'src/config.ts')).toBe(true);
    const md = awaitify(dir, 'migrate', '--format', 'markdown');
    expect(md.stdout).toMatch(/^## awaitify: 2 files to change\n/);
    const gh = awaitify(dir, 'migrate', '--format', 'github');
    expect(gh.stdout).toMatch(/^::(notice|warning) file=src\/config\.ts,line=4,/m);
  });

  it('--format github also appends the Markdown summary to $GITHUB_STEP_SUMMARY', () => {
    const dir = project(app());
    const summary = path.join(scratch, `step-summary-${counter}.md`);
    writeFileSync(summary, '# earlier step\n');
    const r = spawnSync(process.execPath, [cli, 'check', '--format', 'github'], { cwd: dir, env: { ...process.env, GITHUB_STEP_SUMMARY: summary }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^::(notice|warning) file=src\/config\.ts,line=4,/m);
    // check's summary counts findings: it changes nothing, so it never speaks of files changed.
    expect(readFileSync(summary, 'utf8')).toMatch(/^# earlier step\n## awaitify check: \d+ findings\n/);
  });

  it('exits 2 when --offload names no function of the run', () => {
    const r = awaitify(project(app()), 'migrate', '--offload', 'src/config.ts:noSuchFunction');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("--offload 'src/config.ts:noSuchFunction' names no function in the files of this run");
  });

  it('exits 2 with a message for a missing path', () => {
    const r = awaitify(project(app()), 'migrate', 'no/such/dir');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^awaitify: no\/such\/dir: no such file or directory; pass an existing path/);
  });

  it('exits 2 for an unknown rule id, listing the valid ones', () => {
    const ids = JSON.parse(awaitify(scratch, 'rules', '--json').stdout).map((r: { id: string }) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    const r = awaitify(project(app()), 'migrate', '--rules', `${ids[0]},no-such-rule`);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--rules: unknown rule id 'no-such-rule'");
    for (const id of ids) expect(r.stderr).toContain(id);
    const typo = awaitify(project(app()), 'migrate', '--skip', `${ids[0]}x`);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(`Did you mean '${ids[0]}'?`);
  });

  it('exits 2 for bad option values and unknown options', () => {
    const dir = project(app());
    for (const args of [['--safety', 'bogus'], ['--django', 'four'], ['--format', 'xml'], ['--frobnicate'], ['--api', 'both']]) {
      const r = awaitify(dir, 'migrate', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^awaitify: [^]+\nrun 'awaitify --help' for usage\n$/);
    }
  });

  it('--safety safe reports every blocking call on a request path, even when a hazard leaves nothing to apply', () => {
    // i18n-node's shape: a helper reached only through a call awaitify cannot resolve, and a handler
    // whose helper's awaits would split a read from its write. Nothing is applied; nothing is hidden.
    // The helper stays sync in every mode, so its check-then-write gets no interleaving note (no
    // await is ever added there); its blocking calls are still reported.
    const files = {
      'package.json': JSON.stringify({ name: 'notes', private: true, dependencies: { express: '^5.1.0' } }) + '\n',
      'app.js': [
        "const express = require('express');",
        "const fs = require('fs');",
        'const notes = {',
        '  save(name, text) {',
        '    if (fs.existsSync(name)) return false;',
        '    fs.writeFileSync(name, text);',
        '    return true;',
        '  },',
        '};',
        'function bump(file) {',
        "  const count = Number(fs.readFileSync(file, 'utf8'));",
        '  fs.writeFileSync(file, String(count + 1));',
        '  return count + 1;',
        '}',
        'const app = express();',
        'app.use((req, res, next) => {',
        '  req.notes = notes;',
        '  next();',
        '});',
        "app.put('/notes/:id', (req, res) => res.json(req.notes.save(req.params.id, req.query.text)));",
        "app.post('/hits', (req, res) => res.json({ hits: bump('hits.txt') }));",
        'module.exports = app;',
        '',
      ].join('\n'),
    };
    const dir = project(files);
    const r = awaitify(dir, 'migrate', '--safety', 'safe', '--format', 'json');
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.summary.files.changed).toBe(0);
    const seen = report.findings.map((f: { rule: string; line: number; safety: string; applied: boolean }) => `${f.line} ${f.rule} ${f.safety} ${f.applied}`);
    expect(seen).toEqual([
      '5 blocking-call-unmigrated manual false',
      '6 blocking-call-unmigrated manual false',
      '11 fs-sync-call review false',
      '11 interleaving-hazard manual false',
      '12 fs-sync-call review false',
      '20 sync-boundary manual false',
    ]);
  });

  it('honours --rules and --skip', () => {
    const dir = project(app());
    const all = JSON.parse(awaitify(dir, 'migrate', '--format', 'json').stdout);
    const used: string[] = [...new Set<string>(all.findings.map((f: { rule: string }) => f.rule))];
    const structural = new Set(JSON.parse(awaitify(dir, 'rules', '--json').stdout).filter((r: { structural: boolean }) => r.structural).map((r: { id: string }) => r.id));
    const skippable = used.filter((id) => !structural.has(id));
    expect(skippable.length).toBeGreaterThan(0);
    const skipped = JSON.parse(awaitify(dir, 'migrate', '--format', 'json', '--skip', skippable.join(',')).stdout);
    expect(skipped.findings.filter((f: { rule: string }) => skippable.includes(f.rule))).toEqual([]);
    expect(skipped.summary.files.changed).toBe(0);
  });
});

// A test outside src/ that calls the helper synchronously.
const CONFIG_TEST = `import { loadConfig } from '../src/config.js';

test('reads the settings', () => {
  expect(loadConfig('settings.json').port).toBe(8080);
});
`;

describe('partial runs: the whole project is analysed, only the paths change', () => {
  it('keeps a helper sync for a caller outside the paths, names the caller, and changes nothing outside the paths', () => {
    const dir = project({ ...app(), 'test/config.test.ts': CONFIG_TEST }, true);
    const r = awaitify(dir, 'migrate', 'src');
    expect(r.code, r.stderr).toBe(0);
    // loadConfig stays sync, so nothing awaits it: no diff at all.
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^awaitify: 3 files \(and 1 more read outside the paths, never changed\): 0 to change, 3 unchanged, 0 skipped, 0 failed\n/);
    expect(r.stderr).toContain(
      '  src/config.ts:3 `loadConfig` stays sync: a call outside the paths of this run would have to await it, and awaitify does not change it: test/config.test.ts:4 (`test callback`). Run awaitify on paths that include that call (or on the whole project) to migrate them together. [sync-boundary]\n',
    );
    const json = JSON.parse(awaitify(dir, 'migrate', 'src', '--format', 'json').stdout);
    expect(json.root).toBe(dir);
    expect(json.files.map((f: { path: string }) => f.path)).toEqual(['src/config.ts', 'src/health.ts', 'src/routes.ts']);
    expect(json.plan.boundaries).toEqual([
      expect.objectContaining({ path: 'test/config.test.ts', line: 4, kind: 'outside-scope', callee: 'loadConfig', calleePath: 'src/config.ts', calleeLine: 3 }),
    ]);
    // The whole project as the paths: the test becomes async with the helper.
    const whole = awaitify(dir, 'migrate', '.');
    expect(whole.code, whole.stderr).toBe(0);
    expect(whole.stdout).toContain('diff --git a/test/config.test.ts b/test/config.test.ts\n');
    expect(whole.stdout).toContain('+export async function loadConfig(file: string) {\n');
  });

  it('changes a function whose callers are all inside the paths, and writes nothing outside them', () => {
    const dir = project({ ...app(), 'scripts/health.ts': "import { health } from '../src/health.js';\n\nconsole.log(health.stack.length);\n" }, true);
    const r = awaitify(dir, 'migrate', 'src', '--write');
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'src/config.ts'), 'utf8')).toContain('export async function loadConfig');
    expect(git(dir, 'status', '--porcelain')).toBe(' M src/config.ts\n M src/routes.ts\n');
  });

  it('finds the project root above a subdirectory: paths in the report and the diff start there, and the diff applies', () => {
    const top = project({ 'web/package.json': PACKAGE, 'web/src/routes.ts': ROUTES, 'web/src/config.ts': CONFIG, 'web/test/config.test.ts': CONFIG_TEST }, true);
    const r = awaitify(path.join(top, 'web/src'), 'migrate', 'routes.ts');
    expect(r.code, r.stderr).toBe(0);
    // The helper is outside the paths: the handler has nothing it could await.
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^awaitify: 1 file \(and 2 more read outside the paths, never changed\): 0 to change, 1 unchanged/);
    const json = JSON.parse(awaitify(path.join(top, 'web/src'), 'migrate', 'routes.ts', 'config.ts', '--format', 'json').stdout);
    expect(json.root).toBe(path.join(top, 'web'));
    expect(json.findings.some((f: { path: string; line: number; message: string }) => f.path === 'src/config.ts' && f.line === 3 && f.message.includes('test/config.test.ts:4'))).toBe(true);
    const noTest = project({ 'web/package.json': PACKAGE, 'web/src/routes.ts': ROUTES, 'web/src/config.ts': CONFIG }, true);
    const dry = awaitify(path.join(noTest, 'web/src'), 'migrate', 'routes.ts', 'config.ts');
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('diff --git a/web/src/config.ts b/web/src/config.ts\n');
    const patch = path.join(scratch, `root-${counter}.diff`);
    writeFileSync(patch, dry.raw);
    git(path.join(noTest, 'web/src'), 'apply', patch);
    expect(readFileSync(path.join(noTest, 'web/src/config.ts'), 'utf8')).toContain('export async function loadConfig');
  });

  it('--root sets the analysed tree: callers outside it are not seen', () => {
    // The git top holds package.json, so by default the root is the top and the test in tools/ is seen.
    const dir = project({ ...app(), 'tools/config.test.ts': CONFIG_TEST }, true);
    const byDefault = JSON.parse(awaitify(dir, 'migrate', 'src', '--format', 'json').stdout);
    expect(byDefault.root).toBe(dir);
    expect(byDefault.summary.files.changed).toBe(0);
    const narrowed = awaitify(dir, 'migrate', 'src', '--root', 'src');
    expect(narrowed.code, narrowed.stderr).toBe(0);
    expect(narrowed.stdout).toContain('diff --git a/src/config.ts b/src/config.ts\n');
    expect(narrowed.stderr).toMatch(/^awaitify: 3 files: 2 to change, 1 unchanged/);
  });

  it('exits 2 for a --root that is not a directory or a path outside the root', () => {
    const dir = project({ ...app(), 'other/x.ts': CLEAN });
    const missing = awaitify(dir, 'migrate', 'src', '--root', 'nope');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('awaitify: --root nope: not a directory\n');
    const outside = awaitify(dir, 'migrate', 'other/x.ts', '--root', 'src');
    expect(outside.code).toBe(2);
    expect(outside.stderr).toBe(`awaitify: other/x.ts: outside the project root ${path.join(dir, 'src')}; pass --root with a directory that holds every path\n`);
  });
});

describe('awaitify check', () => {
  it('prints findings as path:line:col rule message and exits 1', () => {
    const r = awaitify(project(app()), 'check');
    expect(r.code, r.stderr).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^src\/(config|routes)\.ts:\d+:\d+ [a-z0-9-]+ \S/);
    expect(lines.some((l) => l.startsWith('src/config.ts:4:'))).toBe(true);
  });

  it('exits 3 when a file does not parse, naming it', () => {
    const r = awaitify(project({ ...app(), 'src/broken.ts': 'export function broken( {\n' }), 'check');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/\nfailed:\n {2}src\/broken\.ts:\d+ \S/);
  });

  it('exits 0 when there is nothing to report, and never writes', () => {
    const clean = awaitify(project({ 'package.json': PACKAGE, 'src/health.ts': CLEAN }), 'check');
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toBe('');
    const dir = project(app());
    awaitify(dir, 'check', '--format', 'sarif');
    expect(readFileSync(path.join(dir, 'src/config.ts'), 'utf8')).toBe(CONFIG);
  });
});

describe('awaitify rules and explain', () => {
  it('lists every rule with language, safety and summary', () => {
    const json = JSON.parse(awaitify(scratch, 'rules', '--json').stdout) as { id: string; language: string; safety: string; summary: string }[];
    const text = awaitify(scratch, 'rules');
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/^rule +language +safety +summary$/);
    for (const rule of json) {
      expect(['typescript', 'python']).toContain(rule.language);
      expect(['safe', 'review', 'manual']).toContain(rule.safety);
      expect(rule.summary).not.toBe('');
      expect(text.stdout).toMatch(new RegExp(`^${rule.id} +${rule.language} +${rule.safety} +`, 'm'));
    }
  });

  it('explains a rule, and suggests one for a typo (exit 2)', () => {
    const [first] = JSON.parse(awaitify(scratch, 'rules', '--json').stdout) as { id: string; summary: string }[];
    const r = awaitify(scratch, 'explain', first.id);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(`# ${first.id}\n\n${first.summary}\n`)).toBe(true);
    for (const heading of ['## What it does', '## Why', '## Example', '## Fix safety']) expect(r.stdout).toContain(`\n${heading}\n`);
    const typo = awaitify(scratch, 'explain', first.id.slice(0, -1));
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain(`Did you mean '${first.id}'?`);
  });

  it('exits 2 without a command, 0 for --help and --version', () => {
    expect(awaitify(scratch).code).toBe(2);
    const help = awaitify(scratch, '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('awaitify migrate [paths..]');
    expect(awaitify(scratch, '--version').stdout.trim()).toBe(JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')).version);
  });

  it('the built entry point starts with a shebang', () => {
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});

describe('progress bar', () => {
  function fakeStream(isTTY: boolean) {
    const writes: string[] = [];
    return { writes, stream: { isTTY, columns: 80, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream };
  }
  it('draws on a terminal for runs of more than 50 files, and clears itself', () => {
    const { writes, stream } = fakeStream(true);
    const bar = createProgress(stream, true);
    for (let i = 1; i <= 200; i++) bar.onProgress('read', i, 200);
    bar.finish();
    expect(writes[0]).toMatch(/^\r\u001b\[2Kread 1\/200 \[\.+\]$/);
    expect(writes).toContain(`\r\u001b[2Kread 200/200 [${'#'.repeat(40)}]`);
    expect(writes.at(-1)).toBe('\r\u001b[2K');
  });
  it('stays quiet for short runs, off a terminal, and under --no-progress', () => {
    for (const [tty, enabled, total] of [
      [true, true, 50],
      [false, true, 500],
      [true, false, 500],
    ] as const) {
      const { writes, stream } = fakeStream(tty);
      const bar = createProgress(stream, enabled);
      for (let i = 1; i <= total; i++) bar.onProgress('read', i, total);
      bar.finish();
      expect(writes).toEqual([]);
    }
  });
  it('is not drawn when stderr is a pipe', () => {
    const big: Record<string, string> = { 'package.json': PACKAGE };
    for (let i = 0; i < 60; i++) big[`src/h${i}.ts`] = CLEAN.replace('health', `health${i}`);
    const r = awaitify(project(big), 'migrate');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('\r');
  });
});
