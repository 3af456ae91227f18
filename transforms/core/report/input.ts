// What every report reads: the parts of a migration result, as data.
// The pipeline's MigrateResult satisfies this structurally.
import type { ShardSummary } from '../shard.js';
import type { SuppressedFinding } from '../suppress.js';
import type { FileResult, Finding, MigrationPlan, MigrationUnit, RuleMeta, Targets, VerifySummary } from '../types.js';

export interface ReportInput {
  /** Absolute directory the paths are relative to. */
  root: string;
  files: FileResult[];
  /** Files under the root outside the run's paths: analysed, never changed. */
  outsideFiles?: number;
  /** Of those, the files of the paths that `exclude` kept from changing. */
  excludedFiles?: number;
  findings: Finding[];
  plan: MigrationPlan;
  targets: Targets;
  rules: RuleMeta[];
  units?: MigrationUnit[];
  verify?: VerifySummary;
  /** Directories the skip list kept from being read (node_modules, venv, ...). */
  skippedDirectories?: string[];
  /** Findings an inline comment suppressed. */
  suppressed?: SuppressedFinding[];
  /** Under --shard: the part this run reported. */
  shard?: ShardSummary;
}
