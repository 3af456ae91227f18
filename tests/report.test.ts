// The report formats, over hand-built migration results: the diff is checked
// with the real `git apply`, the others for the fields their consumers read.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  encodeDiff,
  formatAnnotations,
  formatDiff,
  formatMarkdown,
  formatSummary,
  ruleDocMarkdown,
  ruleDocPages,
  toJsonReport,
  toSarif,
  type DiffableFile,
  type ReportInput,
} from '../transforms/core/report/index.js';
import type { FileResult, Finding, RuleMeta } from '../transforms/core/types.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A git repo holding `files` (path → bytes) committed. */
function repoWith(files: Record<string, Buffer>): string {
  const dir = path.join(scratch, `repo-${++counter}`);
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q');
  // Keep git from rewriting line endings behind the test's back.
  git(dir, 'config', 'core.autocrlf', 'false');
  for (const [rel, bytes] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), bytes);
  }
  git(dir, 'add', '-A');
  git(dir, '-c', 'user.email=t@awaitify', '-c', 'user.name=t', 'commit', '-qm', 'base', '--no-gpg-sign');
  return dir;
}

/** Applies `patch` with git (check first, then for real) and returns the files' bytes afterwards. */
function gitApply(dir: string, patch: Buffer, paths: string[]): Record<string, Buffer> {
  const patchFile = path.join(dir, '..', `patch-${counter}.diff`);
  writeFileSync(patchFile, patch);
  git(dir, 'apply', '--check', patchFile);
  git(dir, 'apply', patchFile);
  return Object.fromEntries(paths.map((p) => [p, readFileSync(path.join(dir, p))]));
}

function changed(p: string, original: string, output: string, extra: Partial<DiffableFile> = {}): DiffableFile {
  return { path: p, status: 'changed', original, output, ...extra };
}

describe('diff', () => {
  it('writes git headers with a/ and b/ prefixes, in path order', () => {
    const text = formatDiff([changed('src/b.ts', 'x\n', 'y\n'), changed('src/a.ts', 'one\ntwo\n', 'one\n2\n')]);
    expect(text).toBe(
      [
        'diff --git a/src/a.ts b/src/a.ts',
        '--- a/src/a.ts',
        '+++ b/src/a.ts',
        '@@ -1,2 +1,2 @@',
        ' one',
        '-two',
        '+2',
        'diff --git a/src/b.ts b/src/b.ts',
        '--- a/src/b.ts',
        '+++ b/src/b.ts',
        '@@ -1,1 +1,1 @@',
        '-x',
        '+y',
        '',
      ].join('\n'),
    );
  });

  it('leaves out unchanged, skipped and failed files', () => {
    const files: DiffableFile[] = [
      { path: 'same.ts', status: 'unchanged', original: 'a\n', output: 'a\n' },
      { path: 'bad.ts', status: 'failed', original: 'a\n' },
      { path: 'bin.ts', status: 'skipped' },
    ];
    expect(formatDiff(files)).toBe('');
  });

  it('applies with git apply: LF, CRLF, no trailing newline, BOM, latin-1 and awkward names', () => {
    const lf = 'const fs = require("fs");\nfunction read(p) {\n  return fs.readFileSync(p);\n}\nmodule.exports = { read };\n';
    const lfOut = lf.replace('function read', 'async function read').replace('fs.readFileSync(p)', 'fs.promises.readFile(p)');
    const crlf = lf.replace(/\n/g, '\r\n');
    const crlfOut = lfOut.replace(/\n/g, '\r\n');
    const noEol = 'app.get("/", (req, res) => {\n  res.send(fs.readFileSync("x"));\n});';
    const noEolOut = 'app.get("/", async (req, res) => {\n  res.send(await readFile("x"));\n});';
    const bomText = 'import fs from "fs";\nexport const x = fs.statSync(".");\n';
    const bomOut = 'import fs from "fs";\nexport const x = await fs.promises.stat(".");\n';
    const latin = '# -*- coding: latin-1 -*-\n# café\ndef view(request):\n    time.sleep(1)\n';
    const latinOut = '# -*- coding: latin-1 -*-\n# café\nasync def view(request):\n    await asyncio.sleep(1)\n';

    const files: DiffableFile[] = [
      changed('lf.js', lf, lfOut),
      changed('crlf.js', crlf, crlfOut),
      changed('no-eol.js', noEol, noEolOut),
      changed('bom.ts', bomText, bomOut, { bom: true }),
      changed('views/latin.py', latin, latinOut, { encoding: 'latin-1' }),
      changed('dir with space/naïve.js', lf, lfOut),
    ];
    const dir = repoWith({
      'lf.js': Buffer.from(lf),
      'crlf.js': Buffer.from(crlf),
      'no-eol.js': Buffer.from(noEol),
      'bom.ts': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bomText)]),
      'views/latin.py': Buffer.from(latin, 'latin1'),
      'dir with space/naïve.js': Buffer.from(lf),
    });
    const after = gitApply(dir, encodeDiff(files), files.map((f) => f.path));
    expect(after['lf.js'].toString('utf8')).toBe(lfOut);
    expect(after['crlf.js'].toString('utf8')).toBe(crlfOut);
    expect(after['no-eol.js'].toString('utf8')).toBe(noEolOut);
    expect(after['bom.ts']).toEqual(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(bomOut)]));
    expect(after['views/latin.py']).toEqual(Buffer.from(latinOut, 'latin1'));
    expect(after['dir with space/naïve.js'].toString('utf8')).toBe(lfOut);
  });

  it('marks a missing final newline the way git does', () => {
    const text = formatDiff([changed('a.js', 'a\nb', 'a\nc')]);
    expect(text).toBe(['diff --git a/a.js b/a.js', '--- a/a.js', '+++ b/a.js', '@@ -1,2 +1,2 @@', ' a', '-b', '\\ No newline at end of file', '+c', '\\ No newline at end of file', ''].join('\n'));
  });

  it('prefixes paths so git applies them from anywhere in the work tree', () => {
    const dir = repoWith({ 'web/app.js': Buffer.from('a\n') });
    const patch = encodeDiff([changed('app.js', 'a\n', 'b\n')], { prefix: 'web/' });
    expect(patch.toString()).toMatch(/^diff --git a\/web\/app.js b\/web\/app.js\n--- a\/web\/app.js\n\+\+\+ b\/web\/app.js\n/);
    const patchFile = path.join(scratch, `prefixed-${counter}.diff`);
    writeFileSync(patchFile, patch);
    git(path.join(dir, 'web'), 'apply', patchFile);
    expect(readFileSync(path.join(dir, 'web/app.js'), 'utf8')).toBe('b\n');
  });

  it('applies when the change adds the missing final newline', () => {
    const dir = repoWith({ 'a.js': Buffer.from('a\nb') });
    const after = gitApply(dir, encodeDiff([changed('a.js', 'a\nb', 'a\nb\nc\n')]), ['a.js']);
    expect(after['a.js'].toString()).toBe('a\nb\nc\n');
  });
});

// A small result that exercises every section of every report.
const rules: RuleMeta[] = [
  {
    id: 'fs-sync-read',
    language: 'typescript',
    safety: 'safe',
    docs: {
      summary: 'Replaces fs.readFileSync with the promise API.',
      whatItDoes: 'Rewrites `fs.readFileSync(p)` in async code to `await readFile(p)`.',
      why: 'A sync read blocks the event loop for every request.',
      example: { before: 'const a = fs.readFileSync(p);\n', after: 'const a = await readFile(p);\n' },
      safety: 'Safe: same result, same errors.',
    },
    exampleExt: 'js',
  },
  {
    id: 'getter-io',
    language: 'typescript',
    safety: 'manual',
    docs: {
      summary: 'Reports I/O in getters.',
      whatItDoes: 'Reports a getter that reads a file.',
      why: 'Getters cannot be async.',
      example: { before: 'get x() { return fs.readFileSync(p); }\n', after: 'get x() { return fs.readFileSync(p); }\n' },
      safety: 'Never applied.',
    },
    minTargets: { node: '18' },
  },
];

function finding(partial: Partial<Finding> & Pick<Finding, 'rule' | 'path' | 'line' | 'safety' | 'message'>): Finding {
  return { column: 3, edits: [], applied: partial.safety !== 'manual', ...partial };
}

const findings: Finding[] = [
  finding({ rule: 'fs-sync-read', path: 'src/routes.ts', line: 4, column: 15, endLine: 4, endColumn: 40, safety: 'safe', message: 'fs.readFileSync → await readFile' }),
  finding({ rule: 'fs-sync-read', path: 'src/routes.ts', line: 9, safety: 'review', message: 'new await point, check: then act' }),
  finding({ rule: 'getter-io', path: 'src/model.ts', line: 12, safety: 'manual', message: 'getter `config` reads a file, 100% sync; move it to an async init()' }),
];

const files: FileResult[] = [
  { path: 'src/routes.ts', status: 'changed', original: 'a\n', output: 'b\n', findings: findings.slice(0, 2) },
  { path: 'src/model.ts', status: 'unchanged', original: 'm\n'.repeat(20), output: 'm\n'.repeat(20), findings: findings.slice(2) },
  { path: 'src/broken.ts', status: 'failed', line: 7, reason: "')' expected", findings: [] },
  { path: 'assets/logo.js', status: 'skipped', reason: 'binary file (contains NUL bytes)', findings: [] },
];

const input: ReportInput = {
  root: '/home/me/project',
  files,
  findings,
  plan: {
    entries: [{ path: 'src/routes.ts', line: 3, column: 1, name: 'getUser', framework: 'express' }],
    asyncFunctions: [{ id: 'src/routes.ts#load', path: 'src/routes.ts', name: 'load', line: 8, reason: 'blocking-call' }],
    awaitedCalls: [],
    boundaries: [{ path: 'src/model.ts', line: 20, column: 5, function: 'constructor', callee: 'load', kind: 'constructor', reason: 'constructors cannot be async' }],
  },
  targets: { node: '20', express: '4' },
  rules,
};

describe('json', () => {
  it('has the documented shape', () => {
    const report = toJsonReport(input, '1.2.3');
    expect(Object.keys(report)).toEqual(['version', 'root', 'targets', 'summary', 'skippedDirectories', 'files', 'findings', 'suppressed', 'units', 'plan']);
    // A result without units (a hand-built input) lists none, and its findings name none.
    expect(report.units).toEqual([]);
    expect(report.version).toBe('1.2.3');
    expect(report.summary).toEqual({
      files: { changed: 1, unchanged: 1, skipped: 1, failed: 1, total: 4 },
      findings: { safe: 1, review: 1, manual: 1, total: 3, applied: 2 },
      outsideFiles: 0,
      excludedFiles: 0,
      suppressed: 0,
      skippedDirectories: 0,
    });
    expect(report.files).toContainEqual({ path: 'src/broken.ts', status: 'failed', reason: "')' expected", line: 7, created: false });
    expect(report.files).toContainEqual({ path: 'src/model.ts', status: 'unchanged', reason: null, line: null, created: false });
    expect(report.findings[0]).toEqual({
      rule: 'getter-io',
      path: 'src/model.ts',
      line: 12,
      column: 3,
      endLine: null,
      endColumn: null,
      safety: 'manual',
      message: 'getter `config` reads a file, 100% sync; move it to an async init()',
      applied: false,
      unit: null,
      heldBy: null,
    });
    expect(report.findings.map((f) => `${f.path}:${f.line}`)).toEqual(['src/model.ts:12', 'src/routes.ts:4', 'src/routes.ts:9']);
    expect(report.plan).toBe(input.plan);
    // It must survive a JSON round trip unchanged: no undefined, no Map.
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('markdown', () => {
  const md = formatMarkdown(input);
  it('collapses each file\'s diff, links rules to their docs, and caps long lists with "N more"', () => {
    expect(md).toContain('<details><summary><code>src/routes.ts</code> (+1 −1)</summary>\n\n```diff\ndiff --git a/src/routes.ts b/src/routes.ts\n');
    expect(md).toContain('-a\n+b\n```\n\n</details>\n');
    expect(formatMarkdown(input, { version: '1.2.3' })).toContain('([`getter-io`](https://unpkg.com/awaitify-codemod@1.2.3/docs/rules/getter-io.md))');
    const many: ReportInput = { ...input, findings: Array.from({ length: 7 }, (_, i) => finding({ rule: 'getter-io', path: `src/m${i}.ts`, line: 1, safety: 'manual', message: 'm' })) };
    const capped = formatMarkdown(many, { maxItems: 5 });
    expect(capped).toContain('- `src/m4.ts:1` m (`getter-io`)\n- … and 2 more (the full list: `awaitify migrate --format json`)\n');
    expect(capped).not.toContain('src/m5.ts:1');
    const long: ReportInput = { ...input, files: [{ path: 'a.ts', status: 'changed', original: 'x\n'.repeat(40), output: 'y\n'.repeat(40), findings: [] }] };
    expect(formatMarkdown(long, { maxDiffLines: 10 })).toContain("\n```\n\n… 74 more lines of this file's diff\n");
  });
  it('collapses the notes (nothing to do) so they do not crowd out what needs a person', () => {
    const noted: ReportInput = { ...input, findings: [...input.findings, finding({ rule: 'startup-only-io', path: 'src/server.ts', line: 3, safety: 'review', message: 'runs at start-up only' })] };
    expect(formatMarkdown(noted)).toContain('<details><summary>Notes (2): left as they are on purpose; nothing to do unless the reason does not hold</summary>\n\n- `src/routes.ts:9` new await point, check: then act (`fs-sync-read`)\n- `src/server.ts:3` runs at start-up only (`startup-only-io`)\n\n</details>\n');
  });
  it('for check: counts findings, and never says changed or applied', () => {
    const checked = formatMarkdown(input, { check: true });
    expect(checked).toContain('## awaitify check: 3 findings\n');
    expect(checked).toContain('| Files with fixes | 1 |');
    expect(checked).toContain('### Fixes (`awaitify migrate --write` makes them)');
    expect(checked).not.toMatch(/\bapplied\b|Files changed/i);
  });
  it('counts files and findings', () => {
    expect(md).toContain('## awaitify: 1 file to change\n');
    expect(md).toContain('| Files changed | 1 |');
    expect(md).toContain('| Files failed | 1 |');
    expect(md).toContain('| Findings: manual | 1 |');
    expect(formatMarkdown(input, { written: true })).toContain('## awaitify: 1 file changed\n');
  });
  it('lists files with counts, manual items, boundaries and failures', () => {
    expect(md).toContain('| `src/routes.ts` | changed | 1 | 1 | 0 |');
    expect(md).toContain('- `src/model.ts:12` getter `config` reads a file, 100% sync; move it to an async init() (`getter-io`)');
    expect(md).toContain('- `src/model.ts:20` `constructor` calls `load` (constructor): constructors cannot be async');
    expect(md).toContain("- `src/broken.ts:7` failed: ')' expected");
    expect(md).toContain('- `assets/logo.js` skipped: binary file (contains NUL bytes)');
  });
});

describe('sarif', () => {
  const sarif = toSarif(input, { version: '1.2.3' });
  const run = sarif.runs[0];
  it('has what code scanning requires', () => {
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(run.tool.driver.name).toBe('awaitify');
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['fs-sync-read', 'getter-io']);
    const rule = run.tool.driver.rules[0] as { shortDescription: { text: string }; fullDescription: { text: string }; help: { text: string } };
    expect(rule.shortDescription.text).toBe('Replaces fs.readFileSync with the promise API.');
    expect(rule.fullDescription.text).toContain('readFileSync');
    expect(rule.help.text).toContain('blocks the event loop');
    expect(run.results).toHaveLength(3);
    for (const r of run.results) {
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.message.text).not.toBe('');
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^src\//);
      expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
      expect(Object.values(r.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}:\d+$/);
    }
    expect(run.results.find((r) => r.ruleId === 'getter-io')!.level).toBe('warning');
  });
  it('names each rule apart from its id, links its documentation, and never says applied for a dry run', () => {
    for (const rule of run.tool.driver.rules as { id: string; name: string; helpUri: string }[]) {
      expect(rule.name).not.toBe(rule.id);
      expect(rule.helpUri).toBe(`https://unpkg.com/awaitify-codemod@1.2.3/docs/rules/${rule.id}.md`);
    }
    expect((run.tool.driver.rules[0] as { name: string }).name).toBe('FsSyncRead');
    expect(toSarif(input, { version: '1.2.3', informationUri: 'https://example.test/awaitify' }).runs[0].tool.driver.informationUri).toBe('https://example.test/awaitify');
    for (const r of run.results) expect(Object.keys(r.properties)).toEqual(['safety', 'fixAvailable']);
    for (const r of toSarif(input, { version: '1.2.3', written: true }).runs[0].results) expect(Object.keys(r.properties)).toEqual(['safety', 'applied']);
  });
  it('gives paths from the repository root when the project root is below it', () => {
    const nested = toSarif({ ...input, root: '/repo/web' }, { version: '1.2.3', prefix: 'web/' }).runs[0];
    expect(nested.originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///repo/');
    for (const r of nested.results) expect(r.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^web\/src\//);
  });
  it('keeps a fingerprint when lines move but the flagged line is the same', () => {
    const moved: ReportInput = {
      ...input,
      files: files.map((f) => (f.path === 'src/model.ts' ? { ...f, original: 'new\n' + f.original } : f)),
      findings: findings.map((f) => (f.rule === 'getter-io' ? { ...f, line: 13 } : f)),
    };
    const fp = (s: ReturnType<typeof toSarif>) => s.runs[0].results.find((r) => r.ruleId === 'getter-io')!.partialFingerprints;
    expect(fp(toSarif(moved, { version: '1' }))).toEqual(fp(sarif));
  });
  it('reports failed files as tool notifications', () => {
    const notes = run.invocations[0].toolExecutionNotifications;
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(notes.find((n) => n.level === 'error')!.message.text).toBe("failed: ')' expected");
  });
});

describe('annotations', () => {
  it('writes one workflow command per finding and failed file, escaped', () => {
    const lines = formatAnnotations(input).trimEnd().split('\n');
    expect(lines).toEqual([
      "::error file=src/broken.ts,line=7,title=awaitify could not migrate this file::')' expected",
      '::warning file=src/model.ts,line=12,col=3,title=awaitify getter-io (manual)::getter `config` reads a file, 100%25 sync; move it to an async init()',
      '::notice file=src/routes.ts,line=4,col=15,endLine=4,endColumn=40,title=awaitify fs-sync-read (safe%2C fix ready)::fs.readFileSync → await readFile',
      '::notice file=src/routes.ts,line=9,col=3,title=awaitify fs-sync-read (review%2C fix ready)::new await point, check: then act',
    ]);
  });
  it('says "applied" only for a run that wrote, never for check; paths from the repository root', () => {
    expect(formatAnnotations(input, { written: true })).toContain('title=awaitify fs-sync-read (safe%2C applied)::');
    const checked = formatAnnotations(input, { check: true });
    expect(checked).toContain('title=awaitify fs-sync-read (safe)::');
    expect(checked).not.toMatch(/applied|fix ready/);
    expect(formatAnnotations(input, { prefix: 'web/' })).toContain('::notice file=web/src/routes.ts,line=4,');
  });
  it('escapes newlines in messages', () => {
    const one: ReportInput = { ...input, files: [], findings: [finding({ rule: 'r', path: 'a,b:c.ts', line: 1, safety: 'manual', message: 'one\ntwo' })] };
    expect(formatAnnotations(one)).toBe('::warning file=a%2Cb%3Ac.ts,line=1,col=3,title=awaitify r (manual)::one%0Atwo\n');
  });
});

describe('terminal summary', () => {
  it('gives counts, manual work, boundaries, skipped and failed files with their reasons', () => {
    expect(formatSummary(input)).toBe(
      [
        'awaitify: 4 files: 1 to change, 1 unchanged, 1 skipped, 1 failed (dry run; pass --write to apply)',
        'findings: 1 safe, 1 review, 1 manual; 2 to apply',
        'notes:',
        '  src/routes.ts:9 new await point, check: then act [fs-sync-read]',
        'manual work (not changed):',
        '  src/model.ts:12 getter `config` reads a file, 100% sync; move it to an async init() [getter-io]',
        'async propagation stopped at:',
        '  src/model.ts:20 constructor calls load: constructors cannot be async',
        'skipped:',
        '  assets/logo.js binary file (contains NUL bytes)',
        'failed:',
        "  src/broken.ts:7 ')' expected",
        '',
      ].join('\n'),
    );
  });
  it('colours only when asked', () => {
    expect(formatSummary(input, { written: true })).not.toContain('\u001b[');
    expect(formatSummary(input, { written: true, color: true })).toContain('\u001b[31m1 failed\u001b[39m');
  });
});

describe('rule docs', () => {
  it('renders every heading and the examples in fenced blocks of the example language', () => {
    const page = ruleDocMarkdown(rules[0]);
    expect(page).toContain('# fs-sync-read\n\nReplaces fs.readFileSync with the promise API.\n');
    for (const heading of ['## What it does', '## Why', '## Example', '## Fix safety']) expect(page).toContain(`\n${heading}\n`);
    expect(page).toContain('```js\nconst a = fs.readFileSync(p);\n```\n\nbecomes\n\n```js\nconst a = await readFile(p);\n```\n');
    expect(ruleDocMarkdown(rules[1])).toContain('| Minimum targets | node ≥ 18 |');
    expect(ruleDocMarkdown(rules[1])).toContain('```ts\n');
  });
  it('shows an example\'s options line as flags, and says a manual rule\'s "after" is done by hand', () => {
    const withOptions: RuleMeta = {
      ...rules[0],
      docs: { ...rules[0].docs, example: { before: '// fixture-options: express=5 entry=all\nconst a = fs.readFileSync(p);\n', after: '// fixture-options: express=5 entry=all\nconst a = await readFile(p);\n' } },
    };
    expect(ruleDocMarkdown(withOptions)).toContain('## Example\n\nWith `--express 5 --entry all`:\n\n```js\nconst a = fs.readFileSync(p);\n```\n\nbecomes\n\n```js\nconst a = await readFile(p);\n```\n');
    expect(ruleDocMarkdown(rules[1])).toContain('\n\nawaitify reports it and leaves it as it is; by hand, it becomes\n\n');
  });

  it('gives an id shared by both languages one page with a section per language', () => {
    const py: RuleMeta = { ...rules[0], language: 'python', exampleExt: undefined, docs: { ...rules[0].docs, summary: 'The Python side.', example: { before: 'x = 1\n', after: 'x = 2\n' } } };
    const pages = ruleDocPages([py, rules[0]]);
    expect([...pages.keys()]).toEqual(['fs-sync-read.md', 'README.md']);
    const page = pages.get('fs-sync-read.md')!;
    const ts = page.indexOf('\n## JavaScript / TypeScript\n\nReplaces fs.readFileSync');
    const python = page.indexOf('\n## Python\n\nThe Python side.\n');
    expect(ts).toBeGreaterThan(0);
    expect(python).toBeGreaterThan(ts);
    expect(page).toContain('\n### What it does\n');
    expect(page).toContain('```py\nx = 1\n```');
  });

  it('indexes every rule', () => {
    const pages = ruleDocPages(rules);
    expect([...pages.keys()]).toEqual(['fs-sync-read.md', 'getter-io.md', 'README.md']);
    expect(pages.get('README.md')).toContain('| [getter-io](getter-io.md) | manual | node ≥ 18 | Reports I/O in getters. |');
  });
});
