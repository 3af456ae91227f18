// Totals every report shows: files by status, findings by safety.
import type { FileResult, FileStatus, Finding, Safety } from '../types.js';

export interface FileCounts extends Record<FileStatus, number> {
  total: number;
}

export interface FindingCounts extends Record<Safety, number> {
  total: number;
  applied: number;
}

export function countFiles(files: readonly FileResult[]): FileCounts {
  const counts: FileCounts = { changed: 0, unchanged: 0, skipped: 0, failed: 0, total: files.length };
  for (const f of files) counts[f.status]++;
  return counts;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const counts: FindingCounts = { safe: 0, review: 0, manual: 0, total: findings.length, applied: 0 };
  for (const f of findings) {
    counts[f.safety]++;
    if (f.applied) counts.applied++;
  }
  return counts;
}

/** Findings in reading order: by path, then position, then rule. */
export function sortFindings<T extends Pick<Finding, 'path' | 'line' | 'column' | 'rule'>>(findings: readonly T[]): T[] {
  return [...findings].sort(
    (a, b) => compareText(a.path, b.path) || a.line - b.line || a.column - b.column || compareText(a.rule, b.rule),
  );
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `path:line`, or `path` when no line is known. */
export function site(path: string, line?: number): string {
  return line ? `${path}:${line}` : path;
}
