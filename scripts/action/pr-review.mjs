#!/usr/bin/env node
// The script of awaitify's GitHub Action (action.yml): runs awaitify on a pull request,
// posts or updates one summary comment, posts the review, writes the SARIF file for the
// upload step, and says whether the check failed. Plain Node (20+), no dependencies: it
// talks to the GitHub REST API with fetch.
//
// Environment (set by action.yml; the tests set them by hand):
//   GITHUB_EVENT_PATH, GITHUB_REPOSITORY, GITHUB_API_URL, GITHUB_OUTPUT, GITHUB_WORKSPACE
//   INPUT_MODE           guard (check --base) | migration (migrate --base)
//   INPUT_PATHS          paths to analyse (space-separated), default .
//   INPUT_BASE           base ref or commit; default: the pull request's base commit
//   INPUT_FAIL_ON_FINDINGS  true: the run fails when check reports findings (guard)
//   INPUT_SARIF          true: write awaitify.sarif for the upload step
//   INPUT_TOKEN          the token for the REST API
//   AWAITIFY_BIN         the command that runs awaitify (default: npx --yes awaitify-codemod)
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The marker that finds the summary comment again on the next push. */
export const SUMMARY_MARKER = '<!-- awaitify-summary -->';

function input(name, fallback = '') {
  const value = process.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`];
  return value === undefined || value === '' ? fallback : value.trim();
}

function output(name, value) {
  const file = process.env.GITHUB_OUTPUT;
  if (file) appendFileSync(file, `${name}=${value}\n`);
}

/** Runs awaitify with `args`; returns its exit code and stdout (stderr goes to the log). */
function awaitify(args, cwd) {
  const bin = (process.env.AWAITIFY_BIN || 'npx --yes awaitify-codemod').split(' ').filter(Boolean);
  const r = spawnSync(bin[0], [...bin.slice(1), ...args], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  process.stderr.write(r.stderr ?? '');
  return { code: r.status ?? 1, stdout: r.stdout ?? '' };
}

class GitHubError extends Error {
  constructor(status, method, url, text) {
    super(`GitHub API ${method} ${url}: ${status} ${text.slice(0, 500)}`);
    this.status = status;
  }
}

function client(apiUrl, token) {
  return async (method, route, body) => {
    const url = `${apiUrl.replace(/\/$/, '')}${route}`;
    const res = await fetch(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'awaitify-action',
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) throw new GitHubError(res.status, method, route, text);
    return text ? JSON.parse(text) : undefined;
  };
}

/** Every comment of the pull request's conversation (100 a page). */
async function issueComments(api, repo, number) {
  const all = [];
  for (let page = 1; ; page++) {
    const list = await api('GET', `/repos/${repo}/issues/${number}/comments?per_page=100&page=${page}`);
    all.push(...list);
    if (list.length < 100) return all;
  }
}

/** Posts the summary, or updates the one an earlier run posted (found by its marker). */
async function upsertSummary(api, repo, number, markdown) {
  const body = `${SUMMARY_MARKER}\n${markdown}`;
  const existing = (await issueComments(api, repo, number)).find((c) => typeof c.body === 'string' && c.body.startsWith(SUMMARY_MARKER));
  if (existing) return api('PATCH', `/repos/${repo}/issues/comments/${existing.id}`, { body });
  return api('POST', `/repos/${repo}/issues/${number}/comments`, { body });
}

/**
 * Posts the review. GitHub refuses the whole review (422) when one comment is not on a line of
 * the diff (the pull request moved on since the run): then the comments go into the body instead.
 */
async function postReview(api, repo, number, review) {
  try {
    return await api('POST', `/repos/${repo}/pulls/${number}/reviews`, review);
  } catch (err) {
    if (!(err instanceof GitHubError) || err.status !== 422 || !review.comments.length) throw err;
    const listed = review.comments.map((c) => `#### \`${c.path}:${c.start_line ? `${c.start_line}-` : ''}${c.line}\`\n\n${c.body}`).join('\n\n');
    return api('POST', `/repos/${repo}/pulls/${number}/reviews`, { ...review, comments: [], body: `${review.body}\n\n### Comments GitHub could not place on the diff\n\n${listed}\n` });
  }
}

export async function main() {
  const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'));
  const pr = event.pull_request;
  if (!pr) {
    process.stderr.write('awaitify action: not a pull_request event; nothing to review\n');
    return 0;
  }
  const repo = process.env.GITHUB_REPOSITORY || event.repository.full_name;
  const api = client(process.env.GITHUB_API_URL || 'https://api.github.com', input('token', process.env.GITHUB_TOKEN || ''));
  const cwd = process.env.GITHUB_WORKSPACE || process.cwd();
  const mode = input('mode', 'guard');
  if (mode !== 'guard' && mode !== 'migration') throw new Error(`mode: expected guard or migration, got ${mode}`);
  const base = input('base', pr.base.sha);
  const paths = input('paths', '.').split(/\s+/).filter(Boolean);

  const command = mode === 'guard' ? 'check' : 'migrate';
  const run = awaitify([command, ...paths, '--base', base, '--format', 'github-review', '--no-progress'], cwd);
  // check: 0 nothing found, 1 findings; migrate: 0. Anything else is awaitify failing.
  if (run.code !== 0 && !(mode === 'guard' && run.code === 1)) throw new Error(`awaitify ${command} exited with ${run.code}`);
  const review = JSON.parse(run.stdout);

  const summary = await upsertSummary(api, repo, pr.number, review.body);
  if (review.comments.length) {
    const pointer = summary?.html_url ? `The summary: ${summary.html_url}` : 'The summary is in the awaitify comment of this pull request.';
    await postReview(api, repo, pr.number, { commit_id: pr.head.sha, event: 'COMMENT', body: `**awaitify** (${mode === 'guard' ? 'blocking calls on the lines of this pull request' : 'the changes of this migration'}): ${review.comments.length} comment${review.comments.length === 1 ? '' : 's'}. ${pointer}`, comments: review.comments });
  }

  if (input('sarif', 'true') === 'true') {
    const sarif = awaitify(['check', ...paths, '--format', 'sarif', '--no-progress'], cwd);
    if (sarif.code === 0 || sarif.code === 1) {
      const file = path.join(cwd, 'awaitify.sarif');
      writeFileSync(file, sarif.stdout);
      output('sarif-file', file);
    }
  }
  const failed = mode === 'guard' && run.code === 1 && input('fail-on-findings', 'false') === 'true';
  output('failed', failed ? 'true' : 'false');
  output('comments', String(review.comments.length));
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`awaitify action: ${err.message}\n`);
      process.exit(2);
    },
  );
}
