// Pull-request reviews: `check --base` and `--format github-review` on fixture git
// repositories (a base commit and a head commit), through the built command line.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../transforms/core/git-diff.js';
import { BASE, baseRepo, COUNTER_JS, git, HEAD_APP, writeTree } from './helpers/pr-repo.js';

const repo = path.resolve(import.meta.dirname, '..');
/** Each case runs awaitify several times on a fresh git repository: minutes on a loaded machine. */
const SLOW = 300_000;
const cli = path.join(repo, 'dist/cli/awaitify.js');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-review-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Comment {
  path: string;
  body: string;
  line: number;
  side: string;
  start_line?: number;
  start_side?: string;
}
interface Review {
  event: string;
  body: string;
  comments: Comment[];
}

function awaitify(cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.GITHUB_STEP_SUMMARY;
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, env, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

let count = 0;
const newRepo = () => baseRepo(path.join(scratch, `r${++count}`));

/** Applies GitHub suggestions to a file's text: each replaces its lines (start_line..line) with its block. */
function applySuggestions(text: string, comments: Comment[]): string {
  const lines = text.split('\n');
  const ordered = [...comments].sort((a, b) => b.line - a.line);
  for (const c of ordered) {
    // The block's lines replace the comment's; an empty block deletes them.
    const m = /```suggestion\n([\s\S]*?)```/.exec(c.body);
    if (!m) continue;
    const start = c.start_line ?? c.line;
    lines.splice(start - 1, c.line - start + 1, ...(m[1] === '' ? [] : m[1].replace(/\n$/, '').split('\n')));
  }
  return lines.join('\n');
}

describe('check --base', () => {
  it('reports only findings on the lines the pull request adds or changes', () => {
    const dir = newRepo();
    git(dir, 'checkout', '-qb', 'feature');
    writeFileSync(path.join(dir, 'src/app.js'), HEAD_APP);
    git(dir, 'commit', '-qam', 'notes and prices');

    const all = awaitify(dir, ['check', '--format', 'json']);
    const everywhere = (JSON.parse(all.stdout) as { findings: { path: string; line: number }[] }).findings;
    expect(everywhere.some((f) => f.path === 'src/legacy.js')).toBe(true);

    const run = awaitify(dir, ['check', '--base', 'main']);
    expect(run.code).toBe(1);
    const sites = run.stdout.trim().split('\n').map((l) => l.split(' ')[0]);
    expect(sites.length).toBeGreaterThan(0);
    for (const s of sites) {
      const [file, line] = s.split(':');
      expect(file).toBe('src/app.js');
      expect(Number(line)).toBeGreaterThanOrEqual(13);
      expect(Number(line)).toBeLessThanOrEqual(20);
    }
    expect(run.stderr).toMatch(/\d+ findings? on lines that main\.\.\.HEAD does not change, not shown/);

    // Uncommitted work counts as the pull request's too; a base git does not know is a usage error.
    writeFileSync(path.join(dir, 'src/extra.js'), "const fs = require('fs');\nconst app = require('./app');\napp.get('/x', (req, res) => res.send(fs.readFileSync('x')));\n");
    const dirty = awaitify(dir, ['check', '--base', 'main', '--format', 'json']);
    expect((JSON.parse(dirty.stdout) as { findings: { path: string }[] }).findings.every((f) => f.path === 'src/app.js' || f.path === 'src/extra.js')).toBe(true);
    const bad = awaitify(dir, ['check', '--base', 'no-such-branch']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--base no-such-branch: not a commit git knows here');
  }, SLOW);
});

describe('--format github-review', () => {
  it('guard: suggestions on the pull request lines give exactly what migrate --write gives there; the rest goes to the body', () => {
    const dir = newRepo();
    git(dir, 'checkout', '-qb', 'feature');
    writeFileSync(path.join(dir, 'src/app.js'), HEAD_APP);
    git(dir, 'commit', '-qam', 'notes and prices');
    const run = awaitify(dir, ['check', '--base', 'main', '--format', 'github-review']);
    expect(run.code).toBe(1);
    const review = JSON.parse(run.stdout) as Review;
    expect(review.event).toBe('COMMENT');

    // Every comment sits on the new side, on lines the pull request adds, within one hunk.
    const prDiff = parseUnifiedDiff(git(dir, 'diff', '--unified=3', 'main...HEAD'));
    for (const c of review.comments) {
      expect(c.side).toBe('RIGHT');
      if (c.start_line !== undefined) expect(c.start_side).toBe('RIGHT');
      const start = c.start_line ?? c.line;
      const file = prDiff.get(c.path)!;
      for (let l = start; l <= c.line; l++) expect(file.added.has(l), `${c.path}:${l} is added by the pull request`).toBe(true);
      expect(file.hunks.some((h) => start >= h.newStart && c.line < h.newStart + h.newLines)).toBe(true);
    }
    const suggestions = review.comments.filter((c) => c.body.includes('```suggestion'));
    expect(suggestions.map((c) => [c.path, c.start_line, c.line])).toEqual([
      ['src/app.js', undefined, 2],
      ['src/app.js', 13, 15],
      ['src/app.js', 18, 19],
    ]);
    expect(suggestions[1].body).toContain('[`fs-sync-call`](https://unpkg.com/awaitify-codemod@');
    expect(suggestions[1].body).toContain('· safe:');

    // The round trip: head + every suggestion = migrate --write, for app.js (all its changes are on the PR's lines).
    const written = path.join(scratch, `w${count}`);
    cpSync(dir, written, { recursive: true });
    expect(awaitify(written, ['migrate', '--write', '-q']).code).toBe(0);
    const applied = applySuggestions(readFileSync(path.join(dir, 'src/app.js'), 'utf8'), suggestions.filter((c) => c.path === 'src/app.js'));
    expect(applied).toBe(readFileSync(path.join(written, 'src/app.js'), 'utf8'));

    // loadPrices must become async too, but prices.js is not in the pull request: the body says so.
    expect(review.comments.some((c) => c.path === 'src/prices.js')).toBe(false);
    expect(review.body).toContain('### Also needed, outside the lines of this pull request');
    expect(review.body).toMatch(/- `src\/prices\.js:3-4`: \[`async-propagation`\]/);
    // The legacy router is nobody's business in this pull request.
    expect(review.body).not.toContain('src/legacy.js:');
    expect(review.comments.some((c) => c.path === 'src/legacy.js')).toBe(false);
    expect(review.body).toMatch(/^## awaitify check: \d+ findings/);
    expect(review.body).not.toMatch(/\bapplied\b/i);
  }, SLOW);

  it('guard on a Django project: the suggestions give what migrate --write gives', () => {
    const dir = path.join(scratch, `d${++count}`);
    writeTree(dir, {
      'requirements.txt': 'Django==5.1.4\n',
      'manage.py': '',
      'shop/__init__.py': '',
      'shop/views.py': 'from django.db import models\nfrom django.http import JsonResponse\n\n\nclass Book(models.Model):\n    title = models.CharField(max_length=100)\n\n\ndef index(request):\n    return JsonResponse({"ok": True})\n',
    });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'base');
    git(dir, 'checkout', '-qb', 'feature');
    writeFileSync(path.join(dir, 'shop/views.py'), `${readFileSync(path.join(dir, 'shop/views.py'), 'utf8')}\n\ndef count(request):\n    total = Book.objects.count()\n    return JsonResponse({"total": total})\n`);
    git(dir, 'commit', '-qam', 'count');
    const review = JSON.parse(awaitify(dir, ['check', '--base', 'main', '--entry', 'all', '--format', 'github-review']).stdout) as Review;
    expect(review.comments.map((c) => [c.path, c.start_line, c.line, c.side])).toEqual([['shop/views.py', 13, 14, 'RIGHT']]);
    expect(review.comments[0].body).toContain('[`orm-terminal-call`]');
    const written = path.join(scratch, `w${count}`);
    cpSync(dir, written, { recursive: true });
    expect(awaitify(written, ['migrate', '--entry', 'all', '--write', '-q']).code).toBe(0);
    expect(applySuggestions(readFileSync(path.join(dir, 'shop/views.py'), 'utf8'), review.comments)).toBe(readFileSync(path.join(written, 'shop/views.py'), 'utf8'));
  }, SLOW);

  it('migration PR: one comment per changed hunk on its new lines, with rule and safety; review items called out; hand edits named', () => {
    const dir = newRepo();
    writeTree(dir, {
      'src/counter.js': COUNTER_JS,
      'src/app.js': BASE['src/app.js'].replace("require('./legacy');\n", "require('./legacy');\nconst { bump } = require('./counter');\n").replace(
        'module.exports = app;',
        "app.post('/bump', (req, res) => {\n  res.json({ n: bump('count.txt') });\n});\n\nmodule.exports = app;",
      ),
    });
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'counter');
    git(dir, 'checkout', '-qb', 'migrate');
    expect(awaitify(dir, ['migrate', '--write', '-q']).code).toBe(0);
    // A hand edit on top of the migration.
    writeFileSync(path.join(dir, 'src/prices.js'), `${readFileSync(path.join(dir, 'src/prices.js'), 'utf8')}// prices are in cents\n`);
    git(dir, 'commit', '-qam', 'awaitify migrate --write');

    const run = awaitify(dir, ['migrate', '--base', 'main', '--format', 'github-review']);
    expect(run.code).toBe(0);
    const review = JSON.parse(run.stdout) as Review;
    const hunks = parseUnifiedDiff(git(dir, 'diff', '--unified=0', 'main...HEAD'));
    const context = parseUnifiedDiff(git(dir, 'diff', '--unified=3', 'main...HEAD'));
    // One comment per hunk, on its new lines (a hunk that only deletes: on a line next to it).
    const expected = [...hunks.values()].flatMap((f) => f.hunks.map((h) => [f.path, h.newLines > 1 ? h.newStart : undefined, h.newLines ? h.newStart + h.newLines - 1 : Math.max(1, h.newStart)]));
    expect(review.comments.map((c) => [c.path, c.start_line, c.line])).toEqual(expected.sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : Number(a[1] ?? a[2]) - Number(b[1] ?? b[2]))));
    for (const c of review.comments) {
      expect(c.side).toBe('RIGHT');
      const start = c.start_line ?? c.line;
      expect(context.get(c.path)!.hunks.some((h) => start >= h.newStart && c.line < h.newStart + h.newLines)).toBe(true);
    }
    const on = (p: string) => review.comments.filter((c) => c.path === p).map((c) => c.body).join('\n');
    expect(on('src/counter.js')).toContain('⚠️ review');
    expect(on('src/counter.js')).toContain('⚠️ **Review**');
    expect(on('src/counter.js')).toMatch(/\[`fs-sync-call`\]\([^)]*\)\*\* · ⚠️ review: fs.writeFileSync\(\)/);
    expect(review.comments.filter((c) => c.path === 'src/prices.js')).toHaveLength(1);
    expect(on('src/prices.js')).toContain('Not a change awaitify makes');
    expect(review.body).toMatch(/^## awaitify: \d+ files changed/);
    expect(review.body).toContain('<details><summary><code>src/counter.js</code>');
  }, SLOW);
});
