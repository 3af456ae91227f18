// The terminal summary awaitify prints on stderr after a run.
import { compareText, countFiles, countFindings, site, sortFindings } from './counts.js';
import type { ReportInput } from './input.js';

export interface SummaryOptions {
  /** ANSI colours. */
  color?: boolean;
  /** Whether the changes were written to disk. */
  written?: boolean;
  /** How to apply the changes, shown after a run that did not write them. */
  applyHint?: string;
}

export function formatSummary(result: ReportInput, options: SummaryOptions = {}): string {
  const paint = painter(options.color === true);
  const files = countFiles(result.files);
  const findings = countFindings(result.findings);
  const out: string[] = [];

  const created = result.files.filter((f) => f.created && f.status === 'changed').length;
  const parts = [
    paint(files.changed ? 'green' : 'dim', `${files.changed} ${options.written ? 'changed' : 'to change'}${created ? ` (${created} new)` : ''}`),
    `${files.unchanged} unchanged`,
    paint(files.skipped ? 'yellow' : 'dim', `${files.skipped} skipped`),
    paint(files.failed ? 'red' : 'dim', `${files.failed} failed`),
  ];
  const excluded = result.excludedFiles ? `, ${result.excludedFiles} of them excluded` : '';
  const outside = result.outsideFiles ? paint('dim', ` (and ${result.outsideFiles} more read outside the paths${excluded}, never changed)`) : '';
  let head = `awaitify: ${files.total} file${files.total === 1 ? '' : 's'}${outside}: ${parts.join(', ')}`;
  if (!options.written && files.changed) head += paint('dim', ` (${options.applyHint ?? 'dry run; pass --write to apply'})`);
  out.push(head);
  out.push(
    `findings: ${findings.safe} safe, ${findings.review} review, ${paint(findings.manual ? 'yellow' : 'dim', `${findings.manual} manual`)}; ${findings.applied} ${options.written ? 'applied' : 'to apply'}`,
  );

  const dirs = result.skippedDirectories ?? [];
  if (dirs.length) {
    const shown = dirs.slice(0, 5).join(', ');
    out.push(paint('dim', `not read: ${dirs.length} director${dirs.length === 1 ? 'y' : 'ies'} of the skip list (${shown}${dirs.length > 5 ? `, ${dirs.length - 5} more` : ''}; "skipDirectories" in the configuration changes it)`));
  }
  const suppressed = result.suppressed ?? [];
  if (suppressed.length) {
    const held = suppressed.reduce((n, s) => n + s.heldBack, 0);
    out.push(paint('dim', `suppressed by comments: ${suppressed.length}${held ? ` (${held} more finding${held === 1 ? '' : 's'} of the same units held back with them)` : ''}`));
    for (const s of sortFindings(suppressed)) out.push(paint('dim', `  ${site(s.path, s.line)} [${s.rule}]`));
  }
  if (result.verify) {
    const v = result.verify;
    out.push(`verified with \`${v.command}\`: ${v.runs} run${v.runs === 1 ? '' : 's'}, ${v.kept}/${v.units} units kept, ${paint(v.backedOut.length ? 'yellow' : 'dim', `${v.backedOut.length} backed out`)} (${(v.elapsedMs / 1000).toFixed(1)} s)`);
  }
  // Notes: findings that change nothing but a person should read (an assumed target version).
  const notes = sortFindings(result.findings.filter((f) => f.safety === 'review' && f.edits.length === 0));
  if (notes.length) {
    out.push(paint('yellow', 'notes:'));
    for (const f of notes) out.push(`  ${paint('bold', site(f.path, f.line))} ${f.message} ${paint('dim', `[${f.rule}]`)}`);
  }
  const manual = sortFindings(result.findings.filter((f) => f.safety === 'manual'));
  if (manual.length) {
    out.push(paint('yellow', 'manual work (not changed):'));
    for (const f of manual) out.push(`  ${paint('bold', site(f.path, f.line))} ${f.message} ${paint('dim', `[${f.rule}]`)}`);
  }
  if (result.plan.boundaries.length) {
    out.push(paint('yellow', 'async propagation stopped at:'));
    for (const b of result.plan.boundaries) {
      out.push(`  ${paint('bold', site(b.path, b.line))} ${b.function} calls ${b.callee}: ${b.reason}`);
    }
  }
  for (const status of ['skipped', 'failed'] as const) {
    const list = result.files.filter((f) => f.status === status).sort((a, b) => compareText(a.path, b.path));
    if (!list.length) continue;
    out.push(paint(status === 'failed' ? 'red' : 'yellow', `${status}:`));
    for (const f of list) out.push(`  ${paint('bold', site(f.path, f.line))} ${f.reason ?? ''}`);
  }
  return `${out.join('\n')}\n`;
}

const ANSI = { bold: [1, 22], dim: [2, 22], red: [31, 39], green: [32, 39], yellow: [33, 39] } as const;

export function painter(enabled: boolean): (style: keyof typeof ANSI, text: string) => string {
  return (style, text) => (enabled ? `\u001b[${ANSI[style][0]}m${text}\u001b[${ANSI[style][1]}m` : text);
}
