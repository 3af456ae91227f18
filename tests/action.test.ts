// The GitHub Action's script (scripts/action/pr-review.mjs), run as the Action runs it, on
// recorded pull_request events (tests/action-events/) against a local HTTP server that
// stands in for the GitHub REST API: every request and body is recorded and asserted.
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseUnifiedDiff } from '../transforms/core/git-diff.js';
import { baseRepo, git, HEAD_APP } from './helpers/pr-repo.js';

const repo = path.resolve(import.meta.dirname, '..');
/** Each case runs awaitify several times on a fresh git repository: minutes on a loaded machine. */
const SLOW = 300_000;
const script = path.join(repo, 'scripts/action/pr-review.mjs');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-action-'));

interface Recorded {
  method: string;
  url: string;
  authorization?: string;
  body?: { body?: string; commit_id?: string; event?: string; comments?: { path: string; line: number; side: string; start_line?: number; start_side?: string; body: string }[] };
}

/** The fake API: answers from `routes`, records every request. */
const requests: Recorded[] = [];
let existingComments: { id: number; body: string }[] = [];
let rejectReviewOnce = false;
let server: Server;
let apiUrl: string;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const text = await readBody(req);
    const rec: Recorded = { method: req.method!, url: req.url!, authorization: req.headers.authorization, ...(text ? { body: JSON.parse(text) } : {}) };
    requests.push(rec);
    const send = (status: number, data: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    if (req.method === 'GET' && /^\/repos\/acme\/shop\/issues\/\d+\/comments\?per_page=100&page=1$/.test(req.url!)) return send(200, existingComments);
    if (req.method === 'POST' && /^\/repos\/acme\/shop\/issues\/\d+\/comments$/.test(req.url!)) return send(201, { id: 901, html_url: 'https://github.com/acme/shop/pull/42#issuecomment-901', body: rec.body!.body });
    if (req.method === 'PATCH' && req.url === '/repos/acme/shop/issues/comments/555') return send(200, { id: 555, html_url: 'https://github.com/acme/shop/pull/42#issuecomment-555', body: rec.body!.body });
    if (req.method === 'POST' && /^\/repos\/acme\/shop\/pulls\/\d+\/reviews$/.test(req.url!)) {
      if (rejectReviewOnce && rec.body!.comments!.length) {
        rejectReviewOnce = false;
        return send(422, { message: 'Unprocessable Entity', errors: ['Pull request review thread line must be part of the diff'] });
      }
      return send(200, { id: 77, state: 'COMMENTED' });
    }
    send(404, { message: 'Not Found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs the script like the Action's step: an event file, the INPUT_* variables, GITHUB_OUTPUT. */
async function runAction(dir: string, eventFile: string, inputs: Record<string, string>): Promise<{ code: number | null; stderr: string; outputs: Record<string, string> }> {
  const event = readFileSync(path.join(repo, 'tests/action-events', eventFile), 'utf8')
    .replaceAll('{{BASE_SHA}}', git(dir, 'rev-parse', 'main').trim())
    .replaceAll('{{HEAD_SHA}}', git(dir, 'rev-parse', 'HEAD').trim());
  const eventPath = path.join(dir, '..', `${path.basename(dir)}-event.json`);
  writeFileSync(eventPath, event);
  const outputFile = path.join(dir, '..', `${path.basename(dir)}-output.txt`);
  writeFileSync(outputFile, '');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_API_URL: apiUrl,
    GITHUB_OUTPUT: outputFile,
    GITHUB_WORKSPACE: dir,
    INPUT_TOKEN: 'test-token',
    AWAITIFY_BIN: `${process.execPath} ${path.join(repo, 'dist/cli/awaitify.js')}`,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase().replace(/-/g, '_')}`, v])),
  };
  delete env.GITHUB_STEP_SUMMARY;
  // Asynchronous: the fake API runs in this process and must answer while the script waits.
  const child = spawn(process.execPath, [script], { cwd: dir, env });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { code, stderr, outputs };
}

let count = 0;
function featureRepo(): string {
  const dir = baseRepo(path.join(scratch, `r${++count}`));
  git(dir, 'checkout', '-qb', 'feature');
  writeFileSync(path.join(dir, 'src/app.js'), HEAD_APP);
  git(dir, 'commit', '-qam', 'notes and prices');
  return dir;
}

describe('action.yml', () => {
  it('is a composite action running the script, uploading SARIF and failing on findings when asked', () => {
    const action = readFileSync(path.join(repo, 'action.yml'), 'utf8');
    expect(action).toContain('\n  using: composite\n');
    expect(action).toContain('      run: node "$GITHUB_ACTION_PATH/scripts/action/pr-review.mjs"\n');
    expect(action).toMatch(/\n {6}uses: github\/codeql-action\/upload-sarif@v3\n/);
    expect(action).toContain("      if: steps.review.outputs.failed == 'true'\n");
    const inputs = action.slice(action.indexOf('\ninputs:\n'), action.indexOf('\noutputs:\n'));
    expect([...inputs.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]).sort()).toEqual(['base', 'fail-on-findings', 'mode', 'paths', 'sarif', 'token', 'version']);
    // Every input reaches the script.
    for (const name of ['mode', 'paths', 'base', 'fail-on-findings', 'sarif', 'token']) expect(action).toContain(`INPUT_${name.toUpperCase().replace(/-/g, '_')}: \${{ inputs.${name} }}`);
  }, SLOW);
});

describe('the action script', () => {
  it('guard: posts the summary comment, then updates it on the next push; posts the review with suggestions on RIGHT lines of the diff', async () => {
    const dir = featureRepo();
    requests.length = 0;
    existingComments = [{ id: 12, body: 'LGTM' }];
    const first = await runAction(dir, 'pull_request.synchronize.json', { mode: 'guard', 'fail-on-findings': 'true' });
    expect(first.stderr).not.toContain('awaitify action:');
    expect(first.code).toBe(0);
    expect(first.outputs.failed).toBe('true');
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/acme/shop/issues/42/comments?per_page=100&page=1',
      'POST /repos/acme/shop/issues/42/comments',
      'POST /repos/acme/shop/pulls/42/reviews',
    ]);
    for (const r of requests) expect(r.authorization).toBe('Bearer test-token');
    const summary = requests[1].body!.body!;
    expect(summary.startsWith('<!-- awaitify-summary -->\n## awaitify check: ')).toBe(true);
    expect(summary).toContain('### Also needed, outside the lines of this pull request');

    const review = requests[2].body!;
    expect(review.commit_id).toBe(git(dir, 'rev-parse', 'HEAD').trim());
    expect(review.event).toBe('COMMENT');
    expect(review.body).toContain('https://github.com/acme/shop/pull/42#issuecomment-901');
    const diff = parseUnifiedDiff(git(dir, 'diff', 'main...HEAD'));
    expect(review.comments!.length).toBe(Number(first.outputs.comments));
    expect(review.comments!.map((c) => [c.path, c.start_line, c.line, c.side, c.start_side])).toEqual([
      ['src/app.js', undefined, 2, 'RIGHT', undefined],
      ['src/app.js', 13, 15, 'RIGHT', 'RIGHT'],
      ['src/app.js', 18, 19, 'RIGHT', 'RIGHT'],
    ]);
    for (const c of review.comments!) {
      for (let l = c.start_line ?? c.line; l <= c.line; l++) expect(diff.get(c.path)!.added.has(l)).toBe(true);
      expect(c.body).toContain('```suggestion\n');
    }
    // The SARIF file for the upload step: every finding of the project, paths from the repository root.
    const sarif = JSON.parse(readFileSync(first.outputs['sarif-file'], 'utf8')) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri)).toContain('src/legacy.js');

    // The next push: the summary comment is found by its marker and updated, not posted again.
    requests.length = 0;
    existingComments = [{ id: 12, body: 'LGTM' }, { id: 555, body: '<!-- awaitify-summary -->\nold' }];
    const second = await runAction(dir, 'pull_request.synchronize.json', { mode: 'guard', sarif: 'false' });
    expect(second.code).toBe(0);
    expect(second.outputs.failed).toBe('false');
    expect(second.outputs['sarif-file']).toBeUndefined();
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/acme/shop/issues/42/comments?per_page=100&page=1',
      'PATCH /repos/acme/shop/issues/comments/555',
      'POST /repos/acme/shop/pulls/42/reviews',
    ]);
    expect(requests[1].body!.body).toBe(summary);
  }, SLOW);

  it('guard: when GitHub refuses a comment line (422), the comments go into the review body instead', async () => {
    const dir = featureRepo();
    requests.length = 0;
    existingComments = [];
    rejectReviewOnce = true;
    const run = await runAction(dir, 'pull_request.synchronize.json', { mode: 'guard', sarif: 'false' });
    expect(run.code).toBe(0);
    const reviews = requests.filter((r) => r.url.endsWith('/reviews'));
    expect(reviews).toHaveLength(2);
    expect(reviews[1].body!.comments).toEqual([]);
    expect(reviews[1].body!.body).toContain('### Comments GitHub could not place on the diff');
    expect(reviews[1].body!.body).toContain('#### `src/app.js:13-15`');
  }, SLOW);

  it('migration: one comment per changed hunk of the migration PR, on RIGHT lines; never fails the job', async () => {
    const dir = baseRepo(path.join(scratch, `r${++count}`));
    git(dir, 'checkout', '-qb', 'migrate');
    writeFileSync(path.join(dir, 'src/app.js'), HEAD_APP);
    git(dir, 'commit', '-qam', 'routes');
    git(dir, 'branch', '-f', 'main');
    const { spawnSync } = await import('node:child_process');
    expect(spawnSync(process.execPath, [path.join(repo, 'dist/cli/awaitify.js'), 'migrate', '--write', '-q'], { cwd: dir }).status).toBe(0);
    git(dir, 'commit', '-qam', 'awaitify migrate --write');
    requests.length = 0;
    existingComments = [];
    const run = await runAction(dir, 'pull_request.opened.json', { mode: 'migration', sarif: 'false', 'fail-on-findings': 'true' });
    expect(run.code).toBe(0);
    expect(run.outputs.failed).toBe('false');
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /repos/acme/shop/issues/7/comments?per_page=100&page=1',
      'POST /repos/acme/shop/issues/7/comments',
      'POST /repos/acme/shop/pulls/7/reviews',
    ]);
    expect(requests[1].body!.body).toMatch(/^<!-- awaitify-summary -->\n## awaitify: 3 files changed/);
    const hunks = parseUnifiedDiff(git(dir, 'diff', '--unified=0', 'main...HEAD'));
    const comments = requests[2].body!.comments!;
    expect(comments.length).toBe([...hunks.values()].reduce((n, f) => n + f.hunks.length, 0));
    for (const c of comments) expect(c.side).toBe('RIGHT');
    expect(comments.filter((c) => c.path === 'src/legacy.js').map((c) => c.body).join('\n')).toContain('[`express4-async-errors`]');
  }, SLOW);
});
