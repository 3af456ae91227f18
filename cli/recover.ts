// `awaitify recover`: completes (or with --rollback undoes) what an interrupted
// `migrate --write` left. Loads no language adapter, so it starts fast.
import { UsageError } from '../transforms/core/errors.js';
import { LockedError, type RecoveryReport } from '../transforms/core/journal.js';
import { recoverProject } from '../transforms/core/pipeline.js';
import { EXIT } from './exit-codes.js';

export function recoverCommand(args: { path?: string; root?: string; rollback: boolean }, io: { stderr: NodeJS.WriteStream; cwd: string }): number {
  let outcome: ReturnType<typeof recoverProject>;
  try {
    outcome = recoverProject({ cwd: io.cwd, rollback: args.rollback, ...(args.path !== undefined ? { path: args.path } : {}), ...(args.root !== undefined ? { root: args.root } : {}) });
  } catch (err) {
    if (err instanceof LockedError) {
      io.stderr.write(`awaitify: ${err.message}\nnothing was recovered: that run finishes (or rolls back) its own journal.\n`);
      return EXIT.locked;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`awaitify: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
  for (const note of outcome.notes) io.stderr.write(`awaitify: note: ${note}\n`);
  if (!outcome.report) {
    io.stderr.write(`awaitify: nothing to recover: no unfinished journal in ${outcome.journal}\n`);
    return EXIT.ok;
  }
  io.stderr.write(formatRecovery(outcome.report));
  return outcome.report.failed.length ? EXIT.failed : EXIT.ok;
}

/** What a recovery did, one line per file. */
export function formatRecovery(r: RecoveryReport): string {
  const run = `an interrupted awaitify --write (pid ${r.pid}, started ${r.started})`;
  const head =
    r.action === 'discarded'
      ? `${run} had not changed any file yet; its staged files were discarded`
      : r.action === 'rolled back'
        ? `${run} was rolled back: ${r.restored.length} file(s) restored`
        : `${run} was completed: ${r.written.length} file(s) written`;
  const lines = [`awaitify: ${head}${r.failed.length ? `, ${r.failed.length} not` : ''}\n`];
  for (const f of r.written) lines.push(`  written   ${f}\n`);
  for (const f of r.restored) lines.push(`  restored  ${f}\n`);
  for (const f of r.failed) lines.push(`  failed    ${f.path}: ${f.reason}\n`);
  lines.push(`  removed ${r.removed} temporary file(s)\n`);
  return lines.join('');
}
