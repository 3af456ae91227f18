// What a pull request changes, from git: the lines it adds or changes (for
// `check --base`) and the hunks GitHub shows (a review comment must sit on a
// line of one of them). Paths are relative to the project root, forward slashes.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from './errors.js';

/** One hunk of a diff: old lines [oldStart, oldStart + oldLines), new lines [newStart, newStart + newLines). */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

/** A file's hunks in a diff, and (for the new side) the lines added or changed. */
export interface FileDiff {
  path: string;
  /** The path on the old side (differs after a rename); undefined for a new file. */
  oldPath?: string;
  hunks: Hunk[];
  /** New-side lines that are `+` lines. */
  added: Set<number>;
}

export type PullRequestDiff = Map<string, FileDiff>;

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

/** The commit `base...HEAD` diffs from: the merge base of `base` and HEAD. */
export function mergeBase(root: string, base: string): string {
  try {
    git(root, ['rev-parse', '--verify', '--quiet', `${base}^{commit}`]);
  } catch {
    throw new UsageError(`--base ${base}: not a commit git knows here (fetch it first, e.g. git fetch origin ${base.replace(/^origin\//, '')}; in GitHub Actions check out with fetch-depth: 0)`);
  }
  try {
    return git(root, ['merge-base', base, 'HEAD']).trim();
  } catch {
    throw new UsageError(`--base ${base}: no common ancestor with HEAD (in GitHub Actions, check out with fetch-depth: 0)`);
  }
}

/** Parses `git diff` output (any context); paths are taken from the `+++`/`---` lines. */
export function parseUnifiedDiff(text: string): PullRequestDiff {
  const files: PullRequestDiff = new Map();
  let current: FileDiff | undefined;
  let oldPath: string | undefined;
  let newLine = 0;
  const unquote = (p: string) => (p.startsWith('"') ? (JSON.parse(p) as string) : p);
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      current = undefined;
      oldPath = undefined;
      continue;
    }
    if (line.startsWith('--- ') && !current) {
      const p = unquote(line.slice(4).replace(/\t.*$/, ''));
      oldPath = p === '/dev/null' ? undefined : p.replace(/^a\//, '');
      continue;
    }
    if (line.startsWith('+++ ') && !current) {
      const p = unquote(line.slice(4).replace(/\t.*$/, ''));
      if (p === '/dev/null') continue;
      const path = p.replace(/^b\//, '');
      current = { path, ...(oldPath ? { oldPath } : {}), hunks: [], added: new Set() };
      files.set(path, current);
      continue;
    }
    const m = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (m && current) {
      const hunk = { oldStart: Number(m[1]), oldLines: m[2] === undefined ? 1 : Number(m[2]), newStart: Number(m[3]), newLines: m[4] === undefined ? 1 : Number(m[4]) };
      current.hunks.push(hunk);
      newLine = hunk.newStart;
      continue;
    }
    if (!current || !current.hunks.length) continue;
    if (line.startsWith('+')) current.added.add(newLine++);
    else if (line.startsWith(' ')) newLine++;
  }
  return files;
}

/**
 * The pull request's diff for the files under `root`: from the merge base of `base` and HEAD
 * to the working tree (commits, staged and unstaged changes), untracked files added whole.
 * `context` lines around each change, as GitHub shows them (3).
 */
export function pullRequestDiff(root: string, base: string, context = 3): PullRequestDiff {
  const from = mergeBase(root, base);
  const diff = parseUnifiedDiff(git(root, ['diff', '--no-color', '--no-ext-diff', '--no-renames', `--unified=${context}`, '--relative', from, '--', '.']));
  const untracked = git(root, ['ls-files', '--others', '--exclude-standard', '-z', '--', '.']).split('\0').filter(Boolean);
  for (const p of untracked) {
    let lines = 0;
    try {
      lines = readFileSync(path.join(root, p), 'utf8').split('\n').length;
    } catch {
      continue;
    }
    const added = new Set(Array.from({ length: lines }, (_, i) => i + 1));
    diff.set(p, { path: p, hunks: [{ oldStart: 0, oldLines: 0, newStart: 1, newLines: lines }], added });
  }
  return diff;
}

/** Whether line `line` of `path` (new side) is one the pull request adds or changes. */
export function isAddedLine(diff: PullRequestDiff, path: string, line: number): boolean {
  return diff.get(path)?.added.has(line) === true;
}

/** The hunk of `path` whose new side holds every line from `start` to `end`, if any (a review comment must sit in one). */
export function hunkHolding(diff: PullRequestDiff, path: string, start: number, end: number): Hunk | undefined {
  return diff.get(path)?.hunks.find((h) => h.newLines > 0 && start >= h.newStart && end < h.newStart + h.newLines);
}
