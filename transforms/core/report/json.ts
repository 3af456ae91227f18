// The machine-readable report: files, findings and the plan.
import type { ShardSummary } from '../shard.js';
import type { FileStatus, MigrationPlan, Safety, Targets, VerifySummary } from '../types.js';
import { countFiles, countFindings, sortFindings, type FileCounts, type FindingCounts } from './counts.js';
import type { ReportInput } from './input.js';

export interface JsonReport {
  /** awaitify's version. */
  version: string;
  root: string;
  targets: Targets;
  /** outsideFiles: read for the analysis only, never changed; excludedFiles: of those, the ones `exclude` kept from the paths. */
  summary: { files: FileCounts; findings: FindingCounts; outsideFiles: number; excludedFiles: number; suppressed: number; skippedDirectories: number };
  /** Directories never read (the skip list: dependencies, virtualenvs, build output), relative to the root. */
  skippedDirectories: string[];
  files: { path: string; status: FileStatus; reason: string | null; line: number | null; created: boolean }[];
  findings: {
    rule: string;
    path: string;
    line: number;
    column: number;
    endLine: number | null;
    endColumn: number | null;
    safety: Safety;
    message: string;
    applied: boolean;
    /** The migration unit the finding belongs to. */
    unit: string | null;
    /** `path:line` of the suppression comment that holds the finding's unit back, or null. */
    heldBy: string | null;
  }[];
  /** Findings left out by inline suppression comments (`commentLine`: where the comment is; `heldBack`: findings of its unit not applied because of it). */
  suppressed: { rule: string; path: string; line: number; column: number; commentLine: number; heldBack: number; message: string }[];
  /** The migration units: findings applied together or not at all (their sites, in the findings' order). */
  units: { id: string; label: string; functions: string[]; findings: { rule: string; path: string; line: number; column: number }[] }[];
  plan: MigrationPlan;
  /** With --verify: what the test command showed. */
  verify?: VerifySummary;
  /** With --shard: the part this run reported and what it analysed. */
  shard?: ShardSummary;
}

export function toJsonReport(result: ReportInput, version: string): JsonReport {
  return {
    version,
    root: result.root,
    targets: result.targets,
    summary: { files: countFiles(result.files), findings: countFindings(result.findings), outsideFiles: result.outsideFiles ?? 0, excludedFiles: result.excludedFiles ?? 0, suppressed: result.suppressed?.length ?? 0, skippedDirectories: result.skippedDirectories?.length ?? 0 },
    skippedDirectories: result.skippedDirectories ?? [],
    files: result.files.map((f) => ({ path: f.path, status: f.status, reason: f.reason ?? null, line: f.line ?? null, created: f.created === true })),
    findings: sortFindings(result.findings).map((f) => ({
      rule: f.rule,
      path: f.path,
      line: f.line,
      column: f.column,
      endLine: f.endLine ?? null,
      endColumn: f.endColumn ?? null,
      safety: f.safety,
      message: f.message,
      applied: f.applied === true,
      unit: f.unit ?? null,
      heldBy: f.heldBy ?? null,
    })),
    suppressed: sortFindings(result.suppressed ?? []).map((s) => ({ rule: s.rule, path: s.path, line: s.line, column: s.column, commentLine: s.commentLine, heldBack: s.heldBack, message: s.message })),
    units: (result.units ?? []).map((u) => ({ id: u.id, label: u.label, functions: u.functions, findings: u.findings.map((f) => ({ rule: f.rule, path: f.path, line: f.line, column: f.column })) })),
    plan: result.plan,
    ...(result.verify ? { verify: result.verify } : {}),
    ...(result.shard ? { shard: result.shard } : {}),
  };
}

export function formatJson(result: ReportInput, version: string): string {
  return `${JSON.stringify(toJsonReport(result, version), null, 2)}\n`;
}
