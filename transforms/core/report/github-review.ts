// `--format github-review`: the JSON body of a GitHub "create a review for a pull request"
// request (POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews). Two flows:
//
// - guardReview (`check --base`): the fixes for the findings on lines the pull request adds
//   or changes, as ```suggestion blocks on those lines; a fix that would touch a line outside
//   the pull request's diff (GitHub refuses a comment there) is described in the body instead.
// - migrationReview (`migrate --base`, on a branch where `migrate --write` was committed):
//   the changes of the pull request explained, one comment per changed hunk (on its new
//   lines) with the rule, its safety and why; manual findings on their lines when GitHub
//   can take a comment there, in the body otherwise.
//
// Comments are on the new side (`side: RIGHT`); a multi-line comment has `start_line` and
// `line` in one hunk of the pull request's diff, as GitHub requires. Pure: no git, no I/O.
import { structuredPatch } from 'diff';
import type { FileDiff, PullRequestDiff } from '../git-diff.js';
import type { Finding } from '../types.js';
import { sortFindings } from './counts.js';
import type { ReportInput } from './input.js';

export interface ReviewComment {
  path: string;
  body: string;
  line: number;
  side: 'RIGHT';
  start_line?: number;
  start_side?: 'RIGHT';
}

export interface GithubReview {
  /** Set by the caller that knows the head commit (GITHUB_SHA); GitHub defaults to the pull request's head. */
  commit_id?: string;
  event: 'COMMENT';
  body: string;
  comments: ReviewComment[];
}

export interface ReviewOptions {
  /** The Markdown summary that opens the review body. */
  summary: string;
  /** The link to a rule's documentation. */
  ruleUrl(rule: string): string;
}

/** A line range of one file, 1-based, both ends included (`end < start` for an insertion before `start`). */
interface Change {
  /** Old-side (the analysed text's) lines replaced. */
  start: number;
  end: number;
  /** The lines that replace them. */
  lines: string[];
}

const MARK: Record<string, string> = { safe: 'safe', review: '⚠️ review', manual: '✋ manual' };

/**
 * The review for `check --base`: one suggestion per change of the fixes that lies on the pull
 * request's added lines, in the files of `result` (the analysed text is the pull request's head,
 * so old-side lines are head lines). Only changes that belong to a migration unit with a finding
 * on those lines are shown; the other changes such a unit needs go into the body.
 */
export function guardReview(result: ReportInput, diff: PullRequestDiff, options: ReviewOptions): GithubReview {
  const comments: ReviewComment[] = [];
  const elsewhere: string[] = [];
  const onPr = (f: Finding) => rangeOf(f).some((l) => diff.get(f.path)?.added.has(l));
  const units = new Set(result.findings.filter(onPr).map((f) => f.unit));
  const relevant = result.findings.filter((f) => units.has(f.unit));
  for (const file of result.files) {
    if (file.status !== 'changed' || file.original === undefined || file.output === undefined || file.created) continue;
    const fileDiff = diff.get(file.path);
    const mine = relevant.filter((f) => f.path === file.path);
    if (!mine.length) continue;
    const lineOf = lineIndex(file.original);
    const everyApplied = result.findings.filter((f) => f.path === file.path && f.applied);
    const touching = (c: Change) => everyApplied.filter((f) => f.edits.some((e) => overlaps(lineOf(e.start), lineOf(Math.max(e.start, e.end - 1)), c)));
    const head = splitLines(file.original);
    for (const change of changesOf(file.original, file.output)) {
      const all = touching(change);
      const by = all.filter((f) => units.has(f.unit));
      // A change of other units only (code the pull request does not touch) is not this review's business;
      // one no finding's edit makes (an import, a cleanup) goes with the units of its file.
      if (all.length && !by.length) continue;
      const applied = by.length ? by : mine.filter((f) => f.applied && f.edits.length);
      if (!applied.length) continue;
      const anchored = fileDiff && anchor(change, head, fileDiff);
      if (!anchored) {
        elsewhere.push(`- \`${file.path}:${change.end < change.start ? `${change.start - 1}+` : lineSpan(change.start, change.end)}\`: ${explainList(applied, options)}`);
        continue;
      }
      comments.push({
        path: file.path,
        ...lineFields(anchored.start, anchored.end),
        // An empty block deletes the lines.
        body: `${explain(by.length ? by : applied, options)}\n\n\`\`\`suggestion\n${anchored.lines.map((l) => `${l}\n`).join('')}\`\`\`\n`,
      });
    }
  }
  // Manual findings on the pull request's lines: a comment where GitHub takes one.
  for (const f of sortFindings(result.findings.filter((x) => x.safety === 'manual' && onPr(x)))) {
    comments.push({ path: f.path, ...lineFields(f.line, f.line), body: explain([f], options) });
  }
  const body = [options.summary.trimEnd()];
  if (elsewhere.length) {
    body.push(
      '',
      '### Also needed, outside the lines of this pull request',
      '',
      'GitHub takes suggestions only on lines a pull request changes. These changes go with the suggestions above; `awaitify migrate --write` makes them all at once.',
      '',
      ...elsewhere,
    );
  }
  return { event: 'COMMENT', body: `${body.join('\n')}\n`, comments: sortComments(comments) };
}

/**
 * The review for a migration pull request: `base` is the dry run of awaitify on the pull
 * request's base (its lines are the old side of `diff`). Each hunk of the pull request gets
 * one comment on its new lines with the findings whose edits fall in it; a hunk awaitify
 * would not have made says so.
 */
export function migrationReview(base: ReportInput, diff: PullRequestDiff, changed: PullRequestDiff, options: ReviewOptions & { headText(path: string): string | undefined }): GithubReview {
  const comments: ReviewComment[] = [];
  const unplaced: string[] = [];
  for (const [path, fileChanges] of changed) {
    const fileDiff = diff.get(path);
    const oldPath = fileChanges.oldPath ?? path;
    const file = base.files.find((f) => f.path === oldPath);
    const findings = base.findings.filter((f) => f.path === oldPath && f.applied);
    const lineOf = file?.original !== undefined ? lineIndex(file.original) : undefined;
    // What the dry run on the base changes in this file, to tell awaitify's hunks from hand edits.
    const dry = file?.status === 'changed' && file.original !== undefined && file.output !== undefined ? changesOf(file.original, file.output) : [];
    const head = splitLines(options.headText(path) ?? '');
    for (const h of fileChanges.hunks) {
      const oldRange: Change = { start: h.oldLines ? h.oldStart : h.oldStart + 1, end: h.oldLines ? h.oldStart + h.oldLines - 1 : h.oldStart, lines: head.slice(h.newStart - 1, h.newStart - 1 + h.newLines) };
      const by = lineOf ? findings.filter((f) => f.edits.some((e) => overlaps(lineOf(e.start), lineOf(Math.max(e.start, e.end - 1)), oldRange))) : [];
      const same = dry.some((c) => c.start === oldRange.start && c.end === oldRange.end && c.lines.join('\n') === oldRange.lines.join('\n'));
      const body = by.length
        ? `${explain(by, options)}${same ? '' : '\n\n⚠️ **Differs from what awaitify writes here**: this hunk was edited after the migration, or by hand; review the difference.'}`
        : same
          ? "awaitify's change: the imports (or a now unused one removed) for the changes in this file."
          : file?.created
            ? 'A file awaitify creates for the changes it makes (the helper their edits import).'
            : 'Not a change awaitify makes (a dry run on the base does not make it): a change by hand, review it as such.';
      // A hunk that only deletes has no new line of its own: the comment goes on the line after it (or before).
      const start = h.newLines ? h.newStart : Math.max(1, h.newStart);
      const end = h.newLines ? h.newStart + h.newLines - 1 : start;
      if (fileDiff && holding(fileDiff, start, end)) comments.push({ path, ...lineFields(start, end), body });
      else unplaced.push(`- \`${path}:${lineSpan(start, end)}\`: ${body}`);
    }
  }
  // Manual findings: on their line of the head when that line is in the pull request's diff.
  for (const f of sortFindings(base.findings.filter((x) => x.safety === 'manual'))) {
    const path = [...changed.values()].find((c) => (c.oldPath ?? c.path) === f.path)?.path ?? f.path;
    const line = newLineOf(changed.get(path), f.line);
    const fileDiff = diff.get(path);
    if (line !== undefined && fileDiff && holding(fileDiff, line, line)) comments.push({ path, ...lineFields(line, line), body: explain([f], options) });
    else unplaced.push(`- \`${path}:${line ?? f.line}\`: ${explainList([f], options)}`);
  }
  const body = [options.summary.trimEnd()];
  if (unplaced.length) body.push('', '### Not on a line of this pull request', '', ...unplaced);
  return { event: 'COMMENT', body: `${body.join('\n')}\n`, comments: sortComments(comments) };
}

/** The line a base line has in the head, through the hunks; undefined when the pull request changed it. */
function newLineOf(file: FileDiff | undefined, line: number): number | undefined {
  if (!file) return line;
  let shift = 0;
  for (const h of file.hunks) {
    const oldEnd = h.oldStart + h.oldLines - 1;
    if (h.oldLines && line >= h.oldStart && line <= oldEnd) return undefined;
    if ((h.oldLines ? oldEnd : h.oldStart) < line) shift += h.newLines - h.oldLines;
  }
  return line + shift;
}

/** The findings, one paragraph each: rule (linked), safety, message, and the rule's why. */
function explain(findings: Finding[], options: ReviewOptions): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of sortFindings(findings)) {
    const key = `${f.rule}\0${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(`**[\`${f.rule}\`](${options.ruleUrl(f.rule)})** · ${MARK[f.safety]}: ${f.message.replace(/\r?\n/g, ' ')}`);
  }
  if (findings.some((f) => f.safety === 'review')) out.push('', '⚠️ **Review**: this change can alter behaviour (ordering, interleaving or defaults); read it before merging.');
  return out.join('\n');
}

/** The rules of the findings, linked, on one line. */
function explainList(findings: Finding[], options: ReviewOptions): string {
  const rules = [...new Set(sortFindings(findings).map((f) => `[\`${f.rule}\`](${options.ruleUrl(f.rule)}) (${MARK[f.safety]})`))];
  return rules.join(', ');
}

/** Where a change can go as a suggestion on the pull request's added lines, and its text there. */
function anchor(change: Change, head: string[], file: FileDiff): Change | undefined {
  const added = (from: number, to: number) => {
    for (let l = from; l <= to; l++) if (!file.added.has(l)) return false;
    return holding(file, from, to);
  };
  if (change.end >= change.start) return added(change.start, change.end) ? change : undefined;
  // An insertion before line `start`: suggested with the line before it, or the line after.
  const before = change.start - 1;
  if (before >= 1 && added(before, before)) return { start: before, end: before, lines: [head[before - 1], ...change.lines] };
  if (change.start <= head.length && added(change.start, change.start)) return { start: change.start, end: change.start, lines: [...change.lines, head[change.start - 1]] };
  return undefined;
}

function holding(file: FileDiff, start: number, end: number): boolean {
  return file.hunks.some((h) => h.newLines > 0 && start >= h.newStart && end < h.newStart + h.newLines);
}

/** The line changes from `original` to `output` (no context), in old-side lines. */
function changesOf(original: string, output: string): Change[] {
  const patch = structuredPatch('a', 'b', original, output, undefined, undefined, { context: 0 });
  return patch.hunks.map((h) => ({
    start: h.oldStart,
    end: h.oldStart + h.oldLines - 1,
    lines: h.lines.filter((l) => l.startsWith('+')).map((l) => l.slice(1).replace(/\r$/, '')),
  }));
}

function splitLines(text: string): string[] {
  return text.split('\n').map((l) => l.replace(/\r$/, ''));
}

/** offset → 1-based line. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function overlaps(from: number, to: number, c: Change): boolean {
  // An insertion (end < start) sits between start - 1 and start: an edit on either line touches it.
  const start = c.end < c.start ? c.start - 1 : c.start;
  const end = c.end < c.start ? c.start : c.end;
  return from <= end && to >= start;
}

function rangeOf(f: Finding): number[] {
  const out: number[] = [];
  for (let l = f.line; l <= (f.endLine ?? f.line); l++) out.push(l);
  return out;
}

function lineFields(start: number, end: number): Pick<ReviewComment, 'line' | 'side' | 'start_line' | 'start_side'> {
  return start < end ? { start_line: start, start_side: 'RIGHT', line: end, side: 'RIGHT' } : { line: end, side: 'RIGHT' };
}

function lineSpan(start: number, end: number): string {
  return start < end ? `${start}-${end}` : `${start}`;
}

function sortComments(comments: ReviewComment[]): ReviewComment[] {
  return comments.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.start_line ?? a.line) - (b.start_line ?? b.line)));
}
