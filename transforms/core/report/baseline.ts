// A baseline of accepted findings for `awaitify check`: CI fails on new
// findings only. An entry is found again by what it is (rule, file, the text
// of its line, which occurrence of that text) rather than by its line number,
// so edits elsewhere in the file do not make it new.
import { createHash } from 'node:crypto';
import type { Finding } from '../types.js';
import type { ReportInput } from './input.js';
import { sortFindings } from './counts.js';

export interface BaselineEntry {
  rule: string;
  path: string;
  /** Where the finding was when the baseline was written (for people; matching ignores it). */
  line: number;
  message: string;
  fingerprint: string;
}

export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

/** The baseline that accepts every finding of `result`. */
export function baselineOf(result: ReportInput): Baseline {
  return {
    version: 1,
    findings: fingerprinted(result).map(({ finding, fingerprint }) => ({ rule: finding.rule, path: finding.path, line: finding.line, message: finding.message, fingerprint })),
  };
}

/** The findings of `result` that the baseline does not accept, and how many it did. */
export function withoutBaseline(result: ReportInput, baseline: Baseline): { findings: Finding[]; accepted: number } {
  const known = new Map<string, number>();
  for (const e of baseline.findings) known.set(e.fingerprint, (known.get(e.fingerprint) ?? 0) + 1);
  const findings: Finding[] = [];
  let accepted = 0;
  for (const { finding, fingerprint } of fingerprinted(result)) {
    const left = known.get(fingerprint) ?? 0;
    if (left > 0) {
      known.set(fingerprint, left - 1);
      accepted++;
    } else findings.push(finding);
  }
  return { findings, accepted };
}

/**
 * Reads a baseline file's JSON; throws an Error saying what is wrong with it.
 */
export function parseBaseline(text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`not JSON (${(err as Error).message})`);
  }
  const b = data as Partial<Baseline>;
  if (!b || typeof b !== 'object' || b.version !== 1 || !Array.isArray(b.findings)) throw new Error('expected {"version": 1, "findings": [...]}, as --update-baseline writes it');
  for (const [i, e] of b.findings.entries()) {
    if (!e || typeof e.fingerprint !== 'string' || typeof e.rule !== 'string' || typeof e.path !== 'string') throw new Error(`findings[${i}]: expected rule, path and fingerprint strings`);
  }
  return b as Baseline;
}

function fingerprinted(result: ReportInput): { finding: Finding; fingerprint: string }[] {
  const lines = new Map<string, string[]>();
  for (const f of result.files) if (f.original !== undefined) lines.set(f.path, f.original.split(/\r?\n/));
  const seen = new Map<string, number>();
  return sortFindings(result.findings).map((finding) => {
    const text = (lines.get(finding.path)?.[finding.line - 1] ?? '').trim().replace(/\s+/g, ' ');
    const key = `${finding.rule}\0${finding.path}\0${text}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return { finding, fingerprint: createHash('sha256').update(`${key}\0${occurrence}`).digest('hex').slice(0, 20) };
  });
}
