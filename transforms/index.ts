// The library API: `migrate(options)` → plan, files and findings. The CLI, the
// language server and the jscodeshift modules all go through here.
import { prepareMigration, recoverProject, runMigration, type MigrateOptions, type MigrateResult, type PreparedMigration, type RecoverOptions } from './core/pipeline.js';
import type { LanguageAdapter, RuleMeta } from './core/types.js';
import { pythonAdapter } from './python/adapter.js';
// The JS/TS adapter (ts-morph) loads only when a run has JS/TS files: Python runs and the CLI's start-up do without it.
import { lazyTypescriptAdapter } from './typescript/meta.js';

export type { MigrateOptions, MigrateResult, PreparedMigration, RecoverOptions };
export type { RecoveryReport } from './core/journal.js';
export { InterruptedError, LockedError } from './core/journal.js';
export { acquireProjectLock } from './core/pipeline.js';
export { verifyMigration, VerifyError, type VerifyOptions } from './core/verify.js';
export * from './core/types.js';
export { UsageError, DirtyTreeError } from './core/errors.js';

export const adapters: readonly LanguageAdapter[] = [lazyTypescriptAdapter, pythonAdapter];

export function migrate(options: Omit<MigrateOptions, 'adapters'> & { adapters?: LanguageAdapter[] }): Promise<MigrateResult> {
  return runMigration({ ...options, adapters: options.adapters ?? [...adapters] });
}

/** Completes (or rolls back) what an interrupted `migrate --write` left; see core/journal.ts. */
export const recover = recoverProject;

/** Analyses once; the result can emit any subset of the migration units (what `--verify` searches). */
export function prepare(options: Omit<MigrateOptions, 'adapters' | 'write'> & { adapters?: LanguageAdapter[] }): Promise<PreparedMigration> {
  return prepareMigration({ ...options, adapters: options.adapters ?? [...adapters] });
}

/** Every rule of every language, sorted by id. */
export function allRules(): RuleMeta[] {
  return adapters.flatMap((a) => a.rules).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export function findRule(id: string): RuleMeta | undefined {
  return allRules().find((r) => r.id === id);
}
