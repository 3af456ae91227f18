// A pull-request summary in GitHub-flavoured Markdown.
import type { Finding, Safety, VerifySummary } from '../types.js';
import { compareText, countFiles, countFindings, site, sortFindings } from './counts.js';
import { filePatches } from './diff.js';
import type { ReportInput } from './input.js';
import { ruleDocUrl } from './rule-docs.js';

export interface MarkdownOptions {
  /** Whether the changes were written (the heading says "would" otherwise). */
  written?: boolean;
  /** A `check` run: it changes nothing, so the heading counts findings and nothing says "applied". */
  check?: boolean;
  /** awaitify's version: rule ids link to their documentation of that version. */
  version?: string;
  /** At most this many items per list and per-file diffs (default 50); the rest is counted ("N more"). */
  maxItems?: number;
  /** At most this many lines of diff in all (default 600). */
  maxDiffLines?: number;
}

export function formatMarkdown(result: ReportInput, options: MarkdownOptions = {}): string {
  const files = countFiles(result.files);
  const findings = countFindings(result.findings);
  const out: string[] = [];

  const max = options.maxItems ?? 50;
  const link = (rule: string) => (options.version ? `[${code(rule)}](${ruleDocUrl(rule, options.version)})` : code(rule));
  const findingLine = (f: Finding) => `${code(site(f.path, f.line))} ${inline(f.message)} (${link(f.rule)})`;
  const capped = (items: string[]) => [...items.slice(0, max), ...(items.length > max ? [`- … and ${items.length - max} more (the full list: \`awaitify ${options.check ? 'check' : 'migrate'} --format json\`)`] : [])];
  const verb = options.written ? 'changed' : 'to change';
  if (options.check) out.push(`## awaitify check: ${plural(findings.total, 'finding')}`, '');
  else out.push(`## awaitify: ${plural(files.changed, 'file')} ${verb}`, '');
  out.push('| | |', '|---|---:|');
  out.push(options.check ? `| Files with fixes | ${files.changed} |` : `| Files changed | ${files.changed} |`);
  out.push(`| Files unchanged | ${files.unchanged} |`);
  if (files.skipped) out.push(`| Files skipped | ${files.skipped} |`);
  if (files.failed) out.push(`| Files failed | ${files.failed} |`);
  out.push(`| Findings: safe | ${findings.safe} |`);
  out.push(`| Findings: review | ${findings.review} |`);
  out.push(`| Findings: manual | ${findings.manual} |`);
  out.push(`| Functions ${options.check ? 'to make' : 'made'} async | ${result.plan.asyncFunctions.length} |`);
  if (result.suppressed?.length) out.push(`| Suppressed by comments | ${result.suppressed.length} |`);
  out.push('');
  if (result.verify) out.push(...verifiedSection(result.verify));

  const byPath = new Map<string, Record<Safety, number>>();
  for (const f of result.findings) {
    const counts = byPath.get(f.path) ?? { safe: 0, review: 0, manual: 0 };
    counts[f.safety]++;
    byPath.set(f.path, counts);
  }
  const statusOf = new Map(result.files.map((f) => [f.path, f.status]));
  // Only what changes or needs a person: a file whose findings change nothing and ask nothing is left out.
  const rows = [...byPath].filter(([path, c]) => statusOf.get(path) === 'changed' || c.review > 0 || c.manual > 0).sort(([a], [b]) => compareText(a, b));
  if (rows.length) {
    out.push('### Files', '', '| File | Status | safe | review | manual |', '|---|---|---:|---:|---:|');
    const shown = rows.slice(0, max).map(([path, c]) => `| ${code(path)} | ${options.check && statusOf.get(path) === 'changed' ? 'fixable' : statusOf.get(path) ?? ''} | ${c.safe} | ${c.review} | ${c.manual} |`);
    out.push(...shown);
    if (rows.length > max) out.push(`| … and ${rows.length - max} more | | | | |`);
    out.push('');
  }
  out.push(...diffSection(result, options, max));

  const manual = sortFindings(result.findings.filter((f) => f.safety === 'manual'));
  if (manual.length) {
    out.push('### Manual work', '', 'awaitify did not change these; each needs a person.', '');
    out.push(...capped(manual.map((f) => `- ${findingLine(f)}`)));
    out.push('');
  }

  // Notes: findings that change nothing but a person should read (start-up I/O left sync, an assumed target).
  const notes = sortFindings(result.findings.filter((f) => f.safety === 'review' && f.edits.length === 0));
  if (notes.length) {
    // Collapsed: nothing to do unless the reason does not hold, so they do not crowd out what needs a person.
    out.push(`<details><summary>Notes (${notes.length}): left as they are on purpose; nothing to do unless the reason does not hold</summary>`, '');
    out.push(...capped(notes.map((f) => `- ${findingLine(f)}`)), '', '</details>');
    out.push('');
  }

  const review = sortFindings(result.findings.filter((f) => f.safety === 'review' && f.applied));
  if (review.length) {
    out.push('### To review', '', options.check || !options.written ? 'Made by the fix, but read these changes closely.' : 'Applied, but read these changes closely.', '');
    out.push(...capped(review.map((f) => `- ${findingLine(f)}`)));
    out.push('');
  }

  if (result.plan.boundaries.length) {
    out.push('### Where async propagation stopped', '');
    out.push(...capped(result.plan.boundaries.map((b) => `- ${code(site(b.path, b.line))} ${code(b.function)} calls ${code(b.callee)} (${b.kind}): ${inline(b.reason)}`)));
    out.push('');
  }

  const problems = result.files.filter((f) => f.status === 'failed' || f.status === 'skipped');
  if (problems.length) {
    out.push('### Not migrated', '');
    for (const f of [...problems].sort((a, b) => compareText(a.path, b.path))) {
      out.push(`- ${code(site(f.path, f.line))} ${f.status}: ${inline(f.reason ?? '')}`);
    }
    out.push('');
  }
  return out.join('\n');
}

/** "Verified with `<command>`: N runs, K units backed out", and what each backed-out unit broke. */
function verifiedSection(v: VerifySummary): string[] {
  const out = [`### Verified with ${code(v.command)}: ${plural(v.runs, 'run')}, ${plural(v.backedOut.length, 'unit')} backed out`, ''];
  const compared = v.compared === 'tests' ? 'per test' : v.compared === 'summary' ? 'by the summary counts' : 'by the exit code';
  out.push(
    `${v.kept} of ${plural(v.units, 'migration unit')} kept; results compared ${compared}${v.compared === 'tests' ? ` (${plural(v.baselinePassing, 'test')} passing on the baseline)` : ''}; ${v.baselineRuns} baseline ${v.baselineRuns === 1 ? 'run' : 'runs'} (${v.baselineFailing} already failing, ignored)${v.flaky.length ? `; flaky, ignored: ${v.flaky.map(code).join(', ')}` : ''}${v.budgetExhausted ? '; the run budget ran out, undecided units were backed out' : ''}; ${(v.elapsedMs / 1000).toFixed(1)} s.`,
    '',
  );
  for (const b of v.backedOut) out.push(`- ${code(b.unit)} ${inline(b.label)}: ${b.tests.length ? `fails ${b.tests.map(code).join(', ')}` : 'not verified (budget)'}`);
  if (v.backedOut.length) out.push('');
  return out;
}

/** Each changed file's diff, collapsed; at most `max` files and `maxDiffLines` lines in all. */
function diffSection(result: ReportInput, options: MarkdownOptions, max: number): string[] {
  const patches = filePatches(result.files);
  if (!patches.length) return [];
  const out = [options.check ? '### Fixes (`awaitify migrate --write` makes them)' : options.written ? '### Changes' : '### Changes (dry run)', ''];
  let budget = options.maxDiffLines ?? 600;
  let shown = 0;
  for (const p of patches) {
    if (shown >= max || budget <= 0) break;
    const lines = p.patch.replace(/\n$/, '').split('\n');
    const added = lines.filter((l) => l.startsWith('+') && !l.startsWith('+++')).length;
    const removed = lines.filter((l) => l.startsWith('-') && !l.startsWith('---')).length;
    const body = lines.slice(0, budget);
    budget -= body.length;
    const cut = lines.length - body.length;
    const fence = '`'.repeat(Math.max(3, ...(p.patch.match(/`+/g) ?? []).map((r) => r.length + 1)));
    out.push(`<details><summary><code>${escapeHtml(p.path)}</code> (+${added} −${removed})</summary>`, '', `${fence}diff`, ...body, fence, ...(cut ? ['', `… ${cut} more lines of this file's diff`] : []), '', '</details>', '');
    shown++;
  }
  if (shown < patches.length) out.push(`… and ${plural(patches.length - shown, 'more file')} changed (the whole diff: \`awaitify migrate\`)`, '');
  return out;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A code span that survives backticks in the text and pipes inside tables. */
function code(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** Message text on one line, with nothing that would break a list item or a table. */
function inline(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}
