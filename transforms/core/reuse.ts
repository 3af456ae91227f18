// What a caller that analyses one project again and again (the language
// server, after each edit) keeps between runs (MigrateOptions.reuse): the
// project's file list, and each file's text as read from disk with the size
// and mtime it had then. A run with it gives what a run without it gives:
//
// - a file's kept text is used only while its size and mtime are what they
//   were when it was read (the run stats every file anyway); otherwise it is
//   read again;
// - the file list is walked again after the caller says files were added or
//   removed (filesAddedOrRemoved: the editor's file events), when the run's
//   paths or settings differ, and when a listed file is gone.
//
// A file added without the caller hearing of it is not seen until then (the
// language server hears of it from the editor's file watcher, or when the
// file is opened).
import type { ReadOutcome } from './source.js';

export class RunReuse {
  private discovery: { key: string; value: unknown; files: ReadonlySet<string> } | undefined;
  private readonly texts = new Map<string, KeptText>();

  /** Files were created, deleted or renamed, or an ignore file changed: the next run walks the project again. */
  filesAddedOrRemoved(): void {
    this.discovery = undefined;
  }

  /** Whether the kept file list has this real path (a file opened that is not in it may be new). */
  lists(absPath: string): boolean {
    return this.discovery?.files.has(absPath) ?? false;
  }

  /** @internal The project's files for these paths and settings (`key`): the kept list, or `walk`'s. */
  discover<T extends { files: { absPath: string }[] }>(key: string, walk: () => T): T {
    if (this.discovery?.key === key) return this.discovery.value as T;
    const value = walk();
    const files = new Set(value.files.map((f) => f.absPath));
    this.discovery = { key, value, files };
    // The texts of files no longer listed go.
    for (const absPath of this.texts.keys()) if (!files.has(absPath)) this.texts.delete(absPath);
    return value;
  }

  /** @internal A file's text: the kept one while the file's size and mtime are the same, else `read`'s. */
  read(absPath: string, stat: { size: number; mtimeMs: number }, read: () => ReadOutcome): ReadOutcome {
    const kept = this.texts.get(absPath);
    if (kept && kept.size === stat.size && kept.mtimeMs === stat.mtimeMs) return kept.outcome;
    const outcome = read();
    this.texts.set(absPath, { size: stat.size, mtimeMs: stat.mtimeMs, outcome });
    return outcome;
  }
}

interface KeptText {
  size: number;
  mtimeMs: number;
  outcome: ReadOutcome;
}
