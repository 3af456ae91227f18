/** A mistake in how awaitify was called (a missing path, a bad option): exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `--write` over files with uncommitted changes: refused, nothing written. */
export class DirtyTreeError extends UsageError {
  constructor(readonly files: string[]) {
    super(
      `refusing to write: ${files.length} file(s) have uncommitted changes:\n${files.map((f) => `  ${f}`).join('\n')}\n` +
        'commit or stash them first, so the migration can be reviewed and undone with git, or pass --allow-dirty',
    );
    this.name = 'DirtyTreeError';
  }
}
