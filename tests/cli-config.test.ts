// Project configuration, --exclude, stdin and the check baseline, through the
// built command line run as a child process over small projects.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COUNTER_JS } from './helpers/pr-repo.js';

const repo = path.resolve(import.meta.dirname, '..');
const cli = path.join(repo, 'dist/cli/awaitify.js');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function awaitify(cwd: string, args: string[], input?: string): Run {
  const env = { ...process.env, NO_COLOR: '1' };
  delete env.GITHUB_STEP_SUMMARY;
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env, input, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

// An Express app: the route handler calls a helper that reads a file (safe
// rewrites), and a second helper with an exists-check and a write of the same
// file (an interleaving hazard: review).
const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'demo', dependencies: { express: '^4.21.0' } }, null, 2) + '\n',
  'src/app.js': `const express = require('express');
const { loadConfig } = require('./config');
const { bump } = require('./counter');

const app = express();
app.get('/config', (req, res) => {
  res.json(loadConfig('settings.json'));
});
app.post('/bump', (req, res) => {
  res.json({ n: bump('count.txt') });
});
module.exports = app;
`,
  'src/config.js': `const fs = require('fs');

function loadConfig(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

module.exports = { loadConfig };
`,
  'src/counter.js': COUNTER_JS,
};

let count = 0;
function project(extra: Record<string, string> = {}): string {
  const dir = path.join(scratch, `p${++count}`);
  for (const [name, text] of Object.entries({ ...FILES, ...extra })) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The paths of the files a dry-run diff changes. */
function changed(diff: string): string[] {
  return [...diff.matchAll(/^\+\+\+ b\/(.+)$/gm)].map((m) => m[1]);
}

function json(run: Run): { summary: { outsideFiles: number; excludedFiles: number }; findings: { rule: string; path: string; safety: string; applied: boolean }[] } {
  return JSON.parse(run.stdout);
}

describe('configuration', () => {
  it('is read from awaitify.config.json at the project root, and flags override it', () => {
    const dir = project({ 'awaitify.config.json': JSON.stringify({ safety: 'safe', exclude: ['src/config.js'] }) });
    const configured = awaitify(dir, ['migrate', 'src', '--format', 'json']);
    expect(configured.code).toBe(0);
    const report = json(configured);
    expect(report.summary.excludedFiles).toBe(1);
    expect(report.findings.filter((f) => f.path === 'src/config.js')).toEqual([]);
    // safety: safe from the file: nothing review is applied.
    expect(report.findings.filter((f) => f.applied && f.safety !== 'safe')).toEqual([]);

    const flagged = json(awaitify(dir, ['migrate', '--safety', 'review', '--format', 'json']));
    expect(flagged.findings.some((f) => f.applied && f.safety === 'review')).toBe(true);
    expect(flagged.summary.excludedFiles).toBe(1);

    const ignored = json(awaitify(dir, ['migrate', '--no-config', '--format', 'json']));
    expect(ignored.summary.excludedFiles).toBe(0);
    expect(ignored.findings.some((f) => f.path === 'src/config.js')).toBe(true);
  });

  it('is read from package.json "awaitify" and pyproject.toml [tool.awaitify]', () => {
    const pkg = project({ 'package.json': JSON.stringify({ name: 'demo', dependencies: { express: '^4.21.0' }, awaitify: { exclude: ['src/config.js'] } }) });
    expect(changed(awaitify(pkg, ['migrate']).stdout)).toEqual(['src/app.js', 'src/counter.js']);

    const site = path.join(scratch, 'site');
    mkdirSync(path.join(site, 'shop'), { recursive: true });
    writeFileSync(path.join(site, 'manage.py'), 'import os\n');
    writeFileSync(path.join(site, 'shop/__init__.py'), '');
    writeFileSync(path.join(site, 'shop/views.py'), 'import time\n\nfrom django.http import HttpResponse\n\n\ndef pause(request):\n    time.sleep(1)\n    return HttpResponse("ok")\n');
    writeFileSync(path.join(site, 'pyproject.toml'), '[project]\nname = "site"\n\n[tool.awaitify]\nrules = ["time-sleep"]\n\n[tool.awaitify.targets]\ndjango = "4.2"\n');
    const run = awaitify(site, ['migrate', '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { targets: { django?: string }; findings: { rule: string }[] };
    expect(report.targets.django).toBe('4.2');
    // async-propagation is structural: it runs whatever the rules.
    expect([...new Set(report.findings.map((f) => f.rule))].sort()).toEqual(['async-propagation', 'time-sleep']);
  });

  it('refuses two configurations, unknown settings, bad values and unknown rules, naming the file', () => {
    const two = project({ 'awaitify.config.json': '{}', 'package.json': JSON.stringify({ name: 'demo', awaitify: {} }) });
    expect(awaitify(two, ['migrate'])).toMatchObject({ code: 2, stdout: '', stderr: 'awaitify: two configurations: awaitify.config.json and package.json "awaitify"; keep one\n' });

    const unknown = project({ 'awaitify.config.json': JSON.stringify({ exlude: ['x'] }) });
    const u = awaitify(unknown, ['migrate']);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/^awaitify: awaitify\.config\.json: unknown setting "exlude" \(known: .*exclude.*\)\n$/);

    const bad = project({ 'awaitify.config.json': JSON.stringify({ safety: 'yolo' }) });
    expect(awaitify(bad, ['check']).stderr).toBe('awaitify: awaitify.config.json: "safety": expected one of safe, review\n');

    const rule = project({ 'awaitify.config.json': JSON.stringify({ skip: ['fs-sync-cal'] }) });
    const r = awaitify(rule, ['migrate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^awaitify: awaitify\.config\.json: "skip": unknown rule id 'fs-sync-cal'\. Did you mean 'fs-sync-call'\?/);

    const toml = project({ 'pyproject.toml': '[tool.awaitify\nsafety = "safe"\n' });
    const t = awaitify(toml, ['migrate']);
    expect(t.code).toBe(2);
    expect(t.stderr).toMatch(/^awaitify: pyproject\.toml(:\d+)?: not valid TOML/);
  });

  it('--config names a file to read instead', () => {
    const dir = project({ 'ci/awaitify.json': JSON.stringify({ exclude: ['src/counter.js'] }) });
    const run = awaitify(dir, ['migrate', '--config', 'ci/awaitify.json']);
    expect(changed(run.stdout)).toEqual(['src/app.js', 'src/config.js']);
    expect(awaitify(dir, ['migrate', '--config', 'ci/none.json']).stderr).toBe('awaitify: --config ci/none.json: no such file\n');
  });
});

describe('--exclude', () => {
  it('keeps matching files unchanged but analysed: a function they call stays sync, with the caller named', () => {
    const dir = project();
    const all = changed(awaitify(dir, ['migrate', '--no-config']).stdout);
    expect(all).toEqual(['src/app.js', 'src/config.js', 'src/counter.js']);
    // app.js excluded: loadConfig and bump have a caller that cannot await them.
    const run = awaitify(dir, ['migrate', '--exclude', 'src/app.js', '--format', 'json']);
    const report = json(run);
    expect(report.summary.excludedFiles).toBe(1);
    expect(report.findings.filter((f) => f.applied)).toEqual([]);
    expect(run.stderr).toMatch(/\(and 1 more read outside the paths, 1 of them excluded, never changed\)/);
    const text = awaitify(dir, ['migrate', '--exclude', 'src/app.js']);
    expect(changed(text.stdout)).toEqual([]);
    expect(text.stderr).toContain('src/app.js:7');
  });
});

describe('inline suppression', () => {
  it('holds the suppressed site and its unit back, and counts it in the summary and JSON; check does not report it', () => {
    const dir = project({
      'src/config.js': `const fs = require('fs');

function loadConfig(file) {
  // awaitify-ignore-next-line fs-sync-call -- read once, small file
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

module.exports = { loadConfig };
`,
    });
    const run = awaitify(dir, ['migrate', '--no-config', '--format', 'json']);
    const report = JSON.parse(run.stdout) as { summary: { suppressed: number }; suppressed: { path: string; line: number; commentLine: number; heldBack: number }[]; findings: { path: string; rule: string; applied: boolean; heldBy: string | null }[] };
    expect(report.summary.suppressed).toBe(1);
    expect(report.suppressed).toMatchObject([{ path: 'src/config.js', line: 5, commentLine: 4 }]);
    // loadConfig and GET /config stay as they are. What would only have followed from the suppressed
    // call (loadConfig and its caller made async, the error forwarding) is held back and not reported.
    const held = report.suppressed[0].heldBack;
    expect(held).toBeGreaterThan(1);
    expect(report.findings.filter((f) => f.path === 'src/config.js')).toEqual([]);
    expect(report.findings.filter((f) => f.heldBy !== null)).toEqual([]);
    const diff = awaitify(dir, ['migrate', '--no-config']);
    expect(changed(diff.stdout)).toEqual(['src/app.js', 'src/counter.js']);
    expect(diff.stdout).not.toContain('await loadConfig(');
    expect(diff.stderr).toContain(`suppressed by comments: 1 (${held} more findings of the same units held back with them)\n  src/config.js:5 [fs-sync-call]\n`);
    const check = awaitify(dir, ['check', '--no-config']);
    expect(check.stdout).not.toContain('src/config.js:');
    expect(check.stdout).not.toMatch(/GET \/config/);
  }, 300_000);
});

describe('skipped directories', () => {
  it('are counted and named; "skipDirectories" walks a default one (!name) or adds one', () => {
    const vendored = "const fs = require('fs');\nmodule.exports = (f) => fs.readFileSync(f, 'utf8');\n";
    const dir = project({ 'node_modules/dep/index.js': vendored, 'vendor/shim.js': vendored, 'generated/out.js': vendored });
    const plain = awaitify(dir, ['migrate', '--format', 'json']);
    const report = JSON.parse(plain.stdout) as { summary: { skippedDirectories: number }; skippedDirectories: string[]; files: { path: string }[] };
    expect(report.skippedDirectories).toEqual(['node_modules', 'vendor']);
    expect(report.summary.skippedDirectories).toBe(2);
    expect(report.files.map((f) => f.path)).not.toContain('vendor/shim.js');
    expect(plain.stderr).toContain('not read: 2 directories of the skip list (node_modules, vendor; "skipDirectories" in the configuration changes it)');

    writeFileSync(path.join(dir, 'awaitify.config.json'), JSON.stringify({ skipDirectories: ['!vendor', 'generated'] }));
    const configured = JSON.parse(awaitify(dir, ['migrate', '--format', 'json']).stdout) as typeof report;
    expect(configured.skippedDirectories).toEqual(['generated', 'node_modules']);
    expect(configured.files.map((f) => f.path)).toContain('vendor/shim.js');
    expect(configured.files.map((f) => f.path)).not.toContain('generated/out.js');
  }, 300_000);
});

describe("'-': one file from stdin", () => {
  it('prints the migrated file, analysed within its project (callers on disk known)', () => {
    const dir = project();
    const edited = FILES['src/config.js'].replace("'utf8'", "{ encoding: 'utf8' }");
    const run = awaitify(dir, ['migrate', '-', '--stdin-filename', 'src/config.js'], edited);
    expect(run.code).toBe(0);
    // loadConfig's caller (app.js, on disk) is outside the paths: the function stays sync, and the text comes back as it was.
    expect(run.stdout).toBe(edited);
    expect(run.stderr).toContain('src/app.js:7');

    const handler = awaitify(dir, ['migrate', '-', '--stdin-filename', 'src/app.js'], FILES['src/app.js']);
    expect(handler.stdout).toBe(FILES['src/app.js']);

    // A file nothing else calls is migrated, and the written file is the same text.
    const solo = project({ 'src/report.js': "const fs = require('fs');\nconst express = require('express');\nconst app = express();\napp.get('/r', (req, res) => {\n  res.send(fs.readFileSync('r.txt', 'utf8'));\n});\n" });
    const printed = awaitify(solo, ['migrate', '-', '--stdin-filename', 'src/report.js'], readFileSync(path.join(solo, 'src/report.js'), 'utf8'));
    expect(printed.stdout).not.toBe(readFileSync(path.join(solo, 'src/report.js'), 'utf8'));
    expect(awaitify(solo, ['migrate', 'src/report.js', '--write', '--allow-dirty']).code).toBe(0);
    expect(printed.stdout).toBe(readFileSync(path.join(solo, 'src/report.js'), 'utf8'));
  });

  it('refuses --write, other paths, and a missing --stdin-filename', () => {
    const dir = project();
    expect(awaitify(dir, ['migrate', '-', '--stdin-filename', 'src/app.js', '--write'], '').stderr).toBe("awaitify: '-' prints the migrated file on stdout: --write cannot be used with it\n");
    expect(awaitify(dir, ['migrate', '-', 'src', '--stdin-filename', 'src/app.js'], '').stderr).toBe("awaitify: '-' reads one file from stdin: name no other path with it\n");
    expect(awaitify(dir, ['check', '-'], '')).toMatchObject({ code: 2, stderr: "awaitify: '-' needs --stdin-filename: the path of the file stdin holds, relative to the current directory\n" });
    expect(awaitify(dir, ['check', 'src', '--stdin-filename', 'src/app.js']).code).toBe(2);
  });
});

describe('check --baseline', () => {
  it('accepts the findings it recorded, by content not line, and fails on new ones', () => {
    const dir = project();
    const before = awaitify(dir, ['check']);
    expect(before.code).toBe(1);
    const findings = before.stdout.split('\n').filter(Boolean);
    expect(findings.length).toBeGreaterThan(2);

    const update = awaitify(dir, ['check', '--baseline', 'awaitify-baseline.json', '--update-baseline']);
    expect(update).toMatchObject({ code: 0, stdout: '' });
    expect(update.stderr).toBe(`awaitify: wrote ${findings.length} findings to awaitify-baseline.json\n`);
    const baseline = JSON.parse(readFileSync(path.join(dir, 'awaitify-baseline.json'), 'utf8')) as { version: number; findings: unknown[] };
    expect(baseline.version).toBe(1);
    expect(baseline.findings).toHaveLength(findings.length);

    const clean = awaitify(dir, ['check', '--baseline', 'awaitify-baseline.json']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('');
    expect(clean.stderr).toContain(`${findings.length} known findings accepted by the baseline awaitify-baseline.json, not shown\n`);

    // Lines move: still the same findings.
    writeFileSync(path.join(dir, 'src/config.js'), `// Configuration.\n\n${FILES['src/config.js']}`);
    expect(awaitify(dir, ['check', '--baseline', 'awaitify-baseline.json'])).toMatchObject({ code: 0, stdout: '' });

    // A new blocking call is reported alone.
    writeFileSync(path.join(dir, 'src/config.js'), FILES['src/config.js'].replace('  return JSON.parse', "  fs.statSync(file);\n  return JSON.parse"));
    const fresh = awaitify(dir, ['check', '--baseline', 'awaitify-baseline.json']);
    expect(fresh.code).toBe(1);
    expect(fresh.stdout.split('\n').filter(Boolean).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['src/config.js:4:3 fs-sync-call']);
  });

  it('reads the baseline file from the configuration, and says what is wrong with a bad one', () => {
    const dir = project({ 'awaitify.config.json': JSON.stringify({ baseline: 'ci/baseline.json' }) });
    mkdirSync(path.join(dir, 'ci'));
    expect(awaitify(dir, ['check']).stderr).toBe('awaitify: ci/baseline.json: no such baseline; create it with --update-baseline\n');
    expect(awaitify(dir, ['check', '--update-baseline']).code).toBe(0);
    expect(awaitify(dir, ['check'])).toMatchObject({ code: 0, stdout: '' });
    writeFileSync(path.join(dir, 'ci/baseline.json'), '{"findings": []}');
    expect(awaitify(dir, ['check'])).toMatchObject({ code: 2, stderr: 'awaitify: ci/baseline.json: expected {"version": 1, "findings": [...]}, as --update-baseline writes it\n' });
    expect(awaitify(project(), ['check', '--update-baseline']).stderr).toBe('awaitify: --update-baseline needs a file: pass --baseline FILE or set "baseline" in the configuration\n');
  });
});
