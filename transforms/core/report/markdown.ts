// A pull-request summary in GitHub-flavoured Markdown.
import type { Finding, Safety, VerifySummary } from '../types.js';
import { compareText, countFiles, countFindings, site, sortFindings } from './counts.js';
import type { ReportInput } from './input.js';

export interface MarkdownOptions {
  /** Whether the changes were written (the heading says "would" otherwise). */
  written?: boolean;
}

export function formatMarkdown(result: ReportInput, options: MarkdownOptions = {}): string {
  const files = countFiles(result.files);
  const findings = countFindings(result.findings);
  const out: string[] = [];

  const verb = options.written ? 'changed' : 'to change';
  out.push(`## awaitify: ${plural(files.changed, 'file')} ${verb}`, '');
  out.push('| | |', '|---|---:|');
  out.push(`| Files changed | ${files.changed} |`);
  out.push(`| Files unchanged | ${files.unchanged} |`);
  if (files.skipped) out.push(`| Files skipped | ${files.skipped} |`);
  if (files.failed) out.push(`| Files failed | ${files.failed} |`);
  out.push(`| Findings: safe | ${findings.safe} |`);
  out.push(`| Findings: review | ${findings.review} |`);
  out.push(`| Findings: manual | ${findings.manual} |`);
  out.push(`| Functions made async | ${result.plan.asyncFunctions.length} |`);
  out.push('');
  if (result.verify) out.push(...verifiedSection(result.verify));

  const byPath = new Map<string, Record<Safety, number>>();
  for (const f of result.findings) {
    const counts = byPath.get(f.path) ?? { safe: 0, review: 0, manual: 0 };
    counts[f.safety]++;
    byPath.set(f.path, counts);
  }
  const statusOf = new Map(result.files.map((f) => [f.path, f.status]));
  if (byPath.size) {
    out.push('### Files', '', '| File | Status | safe | review | manual |', '|---|---|---:|---:|---:|');
    for (const [path, c] of [...byPath].sort(([a], [b]) => compareText(a, b))) {
      out.push(`| ${code(path)} | ${statusOf.get(path) ?? ''} | ${c.safe} | ${c.review} | ${c.manual} |`);
    }
    out.push('');
  }

  const manual = sortFindings(result.findings.filter((f) => f.safety === 'manual'));
  if (manual.length) {
    out.push('### Manual work', '', 'awaitify did not change these; each needs a person.', '');
    for (const f of manual) out.push(`- ${findingLine(f)}`);
    out.push('');
  }

  // Notes: findings that change nothing but a person should read (start-up I/O left sync, an assumed target).
  const notes = sortFindings(result.findings.filter((f) => f.safety === 'review' && f.edits.length === 0));
  if (notes.length) {
    out.push('### Notes', '', 'Left as they are on purpose; nothing to do unless the reason does not hold.', '');
    for (const f of notes) out.push(`- ${findingLine(f)}`);
    out.push('');
  }

  const review = sortFindings(result.findings.filter((f) => f.safety === 'review' && f.applied));
  if (review.length) {
    out.push('### To review', '', 'Applied, but read these changes closely.', '');
    for (const f of review) out.push(`- ${findingLine(f)}`);
    out.push('');
  }

  if (result.plan.boundaries.length) {
    out.push('### Where async propagation stopped', '');
    for (const b of result.plan.boundaries) {
      out.push(`- ${code(site(b.path, b.line))} ${code(b.function)} calls ${code(b.callee)} (${b.kind}): ${inline(b.reason)}`);
    }
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

function findingLine(f: Finding): string {
  return `${code(site(f.path, f.line))} ${inline(f.message)} (${code(f.rule)})`;
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
