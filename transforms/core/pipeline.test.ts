// The pipeline with a small adapter for a toy language: each line `sleep()` is
// a blocking call rewritten to `await nap()`, which needs an import line.
// It exercises what the core owns, whatever the real adapters do.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DirtyTreeError, UsageError } from './errors.js';
import { runMigration } from './pipeline.js';
import { formatDiff } from './report/diff.js';
import type { Finding, LanguageAdapter } from './types.js';

const toyAdapter: LanguageAdapter = {
  language: 'typescript',
  extensions: ['.toy'],
  rules: [
    {
      id: 'toy-sleep',
      language: 'typescript',
      safety: 'safe',
      docs: { summary: 's', whatItDoes: 'w', why: 'y', example: { before: 'sleep()', after: 'await nap()' }, safety: 'safe' },
    },
    {
      id: 'toy-risky',
      language: 'typescript',
      safety: 'review',
      docs: { summary: 's', whatItDoes: 'w', why: 'y', example: { before: 'risky()', after: 'await careful()' }, safety: 'review' },
    },
  ],
  detectTargets: () => ({ node: '20' }),
  async analyze(ctx) {
    const findings: Finding[] = [];
    const failures = [];
    for (const file of ctx.files) {
      if (file.text.includes('<<<<<<<')) {
        failures.push({ path: file.path, line: file.text.slice(0, file.text.indexOf('<<<<<<<')).split('\n').length, message: 'merge conflict marker' });
        continue;
      }
      for (const [rule, from, to, safety] of [
        ['toy-sleep', 'sleep()', 'await nap()', 'safe'],
        ['toy-risky', 'risky()', 'await careful()', 'review'],
        ['toy-broken', 'break()', 'await (', 'safe'],
      ] as const) {
        if (!ctx.isRuleEnabled(rule)) continue;
        for (let i = file.text.indexOf(from); i !== -1; i = file.text.indexOf(from, i + 1)) {
          findings.push({
            rule,
            path: file.path,
            line: file.text.slice(0, i).split('\n').length,
            column: 1,
            message: `${from} blocks`,
            safety,
            edits: [{ start: i, end: i + from.length, text: to }],
            imports: [{ module: 'timers', kind: 'named', name: 'nap', local: 'nap' }],
          });
        }
      }
    }
    return { findings, failures, plan: { entries: [], asyncFunctions: [], awaitedCalls: [], boundaries: [] } };
  },
  renderImports: (_path, _text, requests) => [{ start: 0, end: 0, text: requests.map((r) => `use ${r.local}\n`).join('') }],
  async syntaxError(_path, text) {
    const open = (text.match(/\(/g) ?? []).length;
    const close = (text.match(/\)/g) ?? []).length;
    return open === close ? undefined : { line: 1, message: 'unbalanced parentheses' };
  },
};
// toy-broken is not declared as a rule: it only runs when every rule is enabled.

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'awaitify-pipeline-'));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.email=t@awaitify', '-c', 'user.name=t', ...args], { cwd: dir, stdio: 'ignore' });
}

describe('runMigration', () => {
  it('discovers files, honours .gitignore, skips dependencies and build output', async () => {
    const dir = project({
      'src/a.toy': 'sleep()\n',
      'src/generated/b.toy': 'sleep()\n',
      'node_modules/pkg/c.toy': 'sleep()\n',
      'dist/d.toy': 'sleep()\n',
      '.gitignore': 'generated/\n',
      'README.md': 'sleep()\n',
    });
    git(dir, 'init', '-q');
    const result = await runMigration({ cwd: dir, adapters: [toyAdapter] });
    expect(result.files.map((f) => f.path)).toEqual(['src/a.toy']);
    expect(result.files[0]).toMatchObject({ status: 'changed', output: 'use nap\nawait nap()\n' });
    expect(result.targets).toEqual({ node: '20' });
  });

  it('analyses the whole project root but changes, lists and reports only the files of the paths', async () => {
    const dir = project({
      'package.json': '{}\n',
      'src/a.toy': 'sleep()\n',
      'src/b.toy': 'sleep()\n',
      'test/c.toy': 'sleep()\n',
      'test/broken.toy': '<<<<<<< ours\n',
      'test/skip.toy': Buffer.from([0xff, 0xfe, 0x00]),
    });
    git(dir, 'init', '-q');
    let seen: { files: string[]; scope?: string[] } | undefined;
    const spy: typeof toyAdapter = {
      ...toyAdapter,
      analyze: (ctx) => {
        seen = { files: ctx.files.map((f) => f.path), scope: ctx.scope && [...ctx.scope].sort() };
        return toyAdapter.analyze(ctx);
      },
    };
    const result = await runMigration({ cwd: path.join(dir, 'src'), paths: ['a.toy'], adapters: [spy], write: true, allowDirty: true });
    expect(seen).toEqual({ files: ['src/a.toy', 'src/b.toy', 'test/broken.toy', 'test/c.toy'], scope: ['src/a.toy'] });
    expect(result.root).toBe(dir);
    expect(result.files.map((f) => `${f.path} ${f.status}`)).toEqual(['src/a.toy changed']);
    expect(result.outsideFiles).toBe(2);
    expect(result.findings.map((f) => f.path)).toEqual(['src/a.toy']);
    expect(readFileSync(path.join(dir, 'src/a.toy'), 'utf8')).toBe('use nap\nawait nap()\n');
    expect(readFileSync(path.join(dir, 'src/b.toy'), 'utf8')).toBe('sleep()\n');
    expect(readFileSync(path.join(dir, 'test/c.toy'), 'utf8')).toBe('sleep()\n');
    // Paths that name every file of the project: no scope, as before.
    const whole = await runMigration({ cwd: dir, paths: ['src', 'test'], adapters: [spy] });
    expect(seen?.scope).toBeUndefined();
    expect(whole.files.map((f) => `${f.path} ${f.status}`)).toEqual(['src/a.toy unchanged', 'src/b.toy changed', 'test/broken.toy failed', 'test/c.toy changed', 'test/skip.toy skipped']);
  });

  it('reports, at the function inside the paths, each call outside them that keeps it sync', async () => {
    const dir = project({ 'src/a.toy': 'x\n', 'test/b.toy': 'y\n' });
    git(dir, 'init', '-q');
    const boundary = (line: number) => ({ path: 'test/b.toy', line, column: 1, function: 'testIt', callee: 'load', calleePath: 'src/a.toy', calleeLine: 1, kind: 'outside-scope', reason: 'r' });
    const withBoundaries: typeof toyAdapter = {
      ...toyAdapter,
      analyze: async () => ({ findings: [], failures: [], plan: { entries: [], asyncFunctions: [], awaitedCalls: [], boundaries: [boundary(1), boundary(3)] } }),
    };
    const result = await runMigration({ cwd: dir, paths: ['src'], adapters: [withBoundaries] });
    expect(result.findings).toEqual([
      expect.objectContaining({
        path: 'src/a.toy',
        line: 1,
        safety: 'manual',
        rule: 'outside-scope',
        message:
          '`load` stays sync: 2 calls outside the paths of this run would have to await it, and awaitify does not change them: test/b.toy:1 (`testIt`), test/b.toy:3 (`testIt`). Run awaitify on paths that include those calls (or on the whole project) to migrate them together.',
      }),
    ]);
  });

  it('adds each import once per file and keeps CRLF line endings and a BOM on write', async () => {
    const dir = project({ 'a.toy': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('sleep()\r\nsleep()\r\n')]) });
    const result = await runMigration({ cwd: dir, adapters: [toyAdapter], write: true });
    expect(result.files[0].status).toBe('changed');
    const bytes = readFileSync(path.join(dir, 'a.toy'));
    expect(bytes.toString('utf8')).toBe('\uFEFFuse nap\r\nawait nap()\r\nawait nap()\r\n');
  });

  it('applies review findings by default, and only safe ones under --safety safe', async () => {
    const dir = project({ 'a.toy': 'risky()\nsleep()\n' });
    const review = await runMigration({ cwd: dir, adapters: [toyAdapter] });
    expect(review.files[0].output).toBe('use nap\nawait careful()\nawait nap()\n');
    const safe = await runMigration({ cwd: dir, adapters: [toyAdapter], safety: 'safe' });
    expect(safe.files[0].output).toBe('use nap\nrisky()\nawait nap()\n');
    expect(safe.findings.map((f) => [f.rule, f.applied])).toEqual([
      ['toy-risky', false],
      ['toy-sleep', true],
    ]);
  });

  it('filters rules with rules/skip and rejects unknown ids as a usage error', async () => {
    const dir = project({ 'a.toy': 'risky()\nsleep()\n' });
    const only = await runMigration({ cwd: dir, adapters: [toyAdapter], rules: ['toy-sleep'] });
    expect(only.findings.map((f) => f.rule)).toEqual(['toy-sleep']);
    const skipped = await runMigration({ cwd: dir, adapters: [toyAdapter], skip: ['toy-sleep'] });
    expect(skipped.findings.map((f) => f.rule)).toEqual(['toy-risky']);
    await expect(runMigration({ cwd: dir, adapters: [toyAdapter], rules: ['no-such-rule'] })).rejects.toThrow(UsageError);
  });

  it('reports a file whose output would not parse as failed and never writes it', async () => {
    const dir = project({ 'bad.toy': 'break()\n', 'good.toy': 'sleep()\n' });
    const result = await runMigration({ cwd: dir, adapters: [toyAdapter], write: true });
    const bad = result.files.find((f) => f.path === 'bad.toy')!;
    expect(bad.status).toBe('failed');
    expect(bad.reason).toContain('would not parse');
    expect(readFileSync(path.join(dir, 'bad.toy'), 'utf8')).toBe('break()\n');
    expect(readFileSync(path.join(dir, 'good.toy'), 'utf8')).toBe('use nap\nawait nap()\n');
    expect(result.findings.find((f) => f.rule === 'toy-broken')?.applied).toBe(false);
  });

  it('skips binary and undecodable files with a reason, fails unparsable ones with a line, and goes on', async () => {
    const dir = project({
      'bin.toy': Buffer.from([0, 1, 2, 3]),
      'latin.toy': Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]),
      'conflict.toy': 'sleep()\n<<<<<<< HEAD\n',
      'ok.toy': 'sleep()\n',
    });
    const result = await runMigration({ cwd: dir, adapters: [toyAdapter] });
    const byPath = Object.fromEntries(result.files.map((f) => [f.path, f]));
    expect(byPath['bin.toy']).toMatchObject({ status: 'skipped', reason: expect.stringContaining('binary') });
    expect(byPath['latin.toy']).toMatchObject({ status: 'skipped', reason: expect.stringContaining('UTF-8') });
    expect(byPath['conflict.toy']).toMatchObject({ status: 'failed', line: 2, reason: 'merge conflict marker' });
    expect(byPath['ok.toy'].status).toBe('changed');
  });

  it('names a path that does not exist', async () => {
    const dir = project({ 'a.toy': 'sleep()\n' });
    await expect(runMigration({ cwd: dir, adapters: [toyAdapter], paths: ['nope/'] })).rejects.toThrow(/nope\/: no such file or directory/);
  });

  it('refuses to write over uncommitted changes unless allowed, and keeps the file mode', async () => {
    const dir = project({ 'a.toy': 'sleep()\n', 'b.toy': 'sleep()\n' });
    chmodSync(path.join(dir, 'a.toy'), 0o755);
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-qm', 'init', '--no-gpg-sign');
    writeFileSync(path.join(dir, 'b.toy'), 'sleep()\nsleep()\n');
    const refused = runMigration({ cwd: dir, adapters: [toyAdapter], write: true });
    await expect(refused).rejects.toThrow(DirtyTreeError);
    await expect(refused).rejects.toThrow(/b\.toy/);
    expect(readFileSync(path.join(dir, 'a.toy'), 'utf8')).toBe('sleep()\n');

    await runMigration({ cwd: dir, adapters: [toyAdapter], write: true, allowDirty: true });
    expect(readFileSync(path.join(dir, 'a.toy'), 'utf8')).toBe('use nap\nawait nap()\n');
    expect(statSync(path.join(dir, 'a.toy')).mode & 0o777).toBe(0o755);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('migrates in-memory sources without reading or writing the disk', async () => {
    const result = await runMigration({ cwd: '/nonexistent-root', adapters: [toyAdapter], sources: [{ path: 'mem.toy', text: 'sleep()\n' }] });
    expect(result.files).toMatchObject([{ path: 'mem.toy', status: 'changed', output: 'use nap\nawait nap()\n' }]);
    await expect(runMigration({ adapters: [toyAdapter], sources: [{ path: 'mem.toy', text: '' }], write: true })).rejects.toThrow(UsageError);
  });

  describe('files an adapter creates', () => {
    // A variant of the toy adapter whose risky() rewrite imports a helper module the run creates.
    const creating = (helperText: string): LanguageAdapter => ({
      ...toyAdapter,
      async analyze(ctx) {
        const result = await toyAdapter.analyze(ctx);
        for (const f of result.findings) if (f.rule === 'toy-risky') f.needsFile = 'lib/helper.toy';
        return { ...result, created: [{ path: 'lib/helper.toy', text: helperText }] };
      },
    });

    it('creates the file with the findings that need it, shows it as a new file, and writes it on --write', async () => {
      const dir = project({ 'a.toy': 'risky()\n', 'lib/other.toy': '' });
      git(dir, 'init', '-q');
      git(dir, 'add', '-A');
      git(dir, 'commit', '-qm', 'init');
      const dry = await runMigration({ cwd: dir, adapters: [creating('helper()\n')] });
      expect(dry.files.find((f) => f.path === 'lib/helper.toy')).toMatchObject({ status: 'changed', created: true, original: '', output: 'helper()\n' });
      expect(readdirSync(path.join(dir, 'lib'))).toEqual(['other.toy']);
      // The dry-run diff shows it as a new file, in the form git apply takes.
      expect(formatDiff(dry.files)).toContain('diff --git a/lib/helper.toy b/lib/helper.toy\nnew file mode 100644\n--- /dev/null\n+++ b/lib/helper.toy\n@@ -0,0 +1,1 @@\n+helper()\n');
      await runMigration({ cwd: dir, adapters: [creating('helper()\n')], write: true });
      expect(readFileSync(path.join(dir, 'lib/helper.toy'), 'utf8')).toBe('helper()\n');
      expect(readFileSync(path.join(dir, 'a.toy'), 'utf8')).toBe('use nap\nawait careful()\n');
    });

    it('creates nothing when no finding that needs the file is applied', async () => {
      const dir = project({ 'a.toy': 'risky()\nsleep()\n' });
      const result = await runMigration({ cwd: dir, adapters: [creating('helper()\n')], safety: 'safe' });
      expect(result.files.map((f) => f.path)).toEqual(['a.toy']);
    });

    it('fails the files that need it, unchanged, when it exists already or would not parse', async () => {
      const dir = project({ 'a.toy': 'risky()\n', 'lib/helper.toy': 'mine\n' });
      const exists = await runMigration({ cwd: dir, adapters: [creating('helper()\n')], write: true });
      expect(exists.files.find((f) => f.path === 'a.toy')).toMatchObject({ status: 'failed' });
      expect(exists.files.find((f) => f.path === 'a.toy')!.reason).toMatch(/lib\/helper\.toy already exists/);
      expect(readFileSync(path.join(dir, 'a.toy'), 'utf8')).toBe('risky()\n');
      expect(readFileSync(path.join(dir, 'lib/helper.toy'), 'utf8')).toBe('mine\n');
      const dir2 = project({ 'a.toy': 'risky()\n' });
      const broken = await runMigration({ cwd: dir2, adapters: [creating('helper(\n')], write: true });
      expect(broken.files.find((f) => f.path === 'a.toy')).toMatchObject({ status: 'failed' });
      expect(broken.files.find((f) => f.path === 'a.toy')!.reason).toMatch(/would not parse/);
      expect(readFileSync(path.join(dir2, 'a.toy'), 'utf8')).toBe('risky()\n');
      expect(readdirSync(dir2)).toEqual(['a.toy']);
    });
  });

  describe('analysisCache', () => {
    it("reuses a language's analysis while its files and the options are unchanged, and redoes it when one changes", async () => {
      const dir = project({ 'a.toy': 'sleep()\n', 'b.py2': 'sleep()\n' });
      const calls: string[] = [];
      const counting = (language: 'typescript' | 'python', ext: string): LanguageAdapter => ({
        ...toyAdapter,
        language,
        extensions: [ext],
        analyze: (ctx) => {
          calls.push(`${language}: ${ctx.files.map((f) => f.text.trim()).join(',')}`);
          return toyAdapter.analyze(ctx);
        },
      });
      const adapters = [counting('typescript', '.toy'), counting('python', '.py2')];
      const analysisCache = new Map();
      const run = async (overlay: { path: string; text: string }[], safety: 'safe' | 'review' = 'review') => {
        const result = await runMigration({ cwd: dir, paths: ['.'], overlay, adapters, analysisCache, safety });
        return result.files.map((f) => `${f.path} ${f.status} ${JSON.stringify(f.output)}`);
      };
      const first = await run([]);
      expect(calls).toEqual(['typescript: sleep()', 'python: sleep()']);
      // Nothing changed: nothing is analysed again, and the result is the same.
      expect(await run([])).toEqual(first);
      expect(calls).toHaveLength(2);
      // An edit to the .py2 buffer: only its language is analysed again.
      expect(await run([{ path: 'b.py2', text: 'risky()\n' }])).toEqual([
        'a.toy changed "use nap\\nawait nap()\\n"',
        'b.py2 changed "use nap\\nawait careful()\\n"',
      ]);
      expect(calls.slice(2)).toEqual(['python: risky()']);
      // Other options: both again.
      await run([{ path: 'b.py2', text: 'risky()\n' }], 'safe');
      expect(calls.slice(3)).toEqual(['typescript: sleep()', 'python: risky()']);
      // Back to the text on disk (the texts go into the key by hashes kept between runs): analysed again, then reused.
      await run([], 'safe');
      expect(calls.slice(5)).toEqual(['python: sleep()']);
      await run([], 'safe');
      expect(calls).toHaveLength(6);
    });
  });
});
