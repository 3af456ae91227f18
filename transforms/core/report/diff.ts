// The dry-run diff: one git-style unified diff over every changed file, with
// a/ and b/ prefixes, that `git apply` accepts as is.
import { formatPatch, structuredPatch } from 'diff';
import { encodeSource } from '../source.js';
import type { FileResult } from '../types.js';
import { compareText } from './counts.js';

/**
 * A file result as the diff reads it. `bom` and `encoding` describe the bytes on
 * disk: the decoded `original`/`output` carry neither, and a patch must match
 * the bytes `git apply` will see.
 */
export type DiffableFile = Pick<FileResult, 'path' | 'status' | 'original' | 'output' | 'bom' | 'encoding' | 'created'>;

export interface FilePatch {
  path: string;
  /** Text of this file's section of the diff, headers included. */
  patch: string;
  /** Encoding the section must be written in to match the file's bytes. */
  encoding: string;
}

export interface DiffOptions {
  /**
   * Prepended to every path, e.g. `web/` when the run's root is the `web`
   * directory of a git work tree: git reads diff paths from the top of the
   * work tree wherever `git apply` runs, as `git diff` writes them.
   */
  prefix?: string;
}

const UTF8 = new Set(['utf-8', 'utf8', 'utf_8', 'u8']);

/** One patch per changed file, in path order. */
export function filePatches(files: readonly DiffableFile[], options: DiffOptions = {}): FilePatch[] {
  const prefix = options.prefix ?? '';
  const patches: FilePatch[] = [];
  for (const file of [...files].sort((a, b) => compareText(a.path, b.path))) {
    if (file.status !== 'changed' || file.original === undefined || file.output === undefined) continue;
    if (file.original === file.output) continue;
    // A BOM is part of the first line's bytes: leave it out and a hunk touching line 1 would not apply.
    const bom = file.bom ? '\uFEFF' : '';
    const oldName = file.created ? '/dev/null' : `a/${prefix}${file.path}`;
    const structured = structuredPatch(oldName, `b/${prefix}${file.path}`, bom + file.original, bom + file.output, undefined, undefined, {
      context: 3,
    });
    structured.isGit = true;
    if (file.created) {
      structured.isCreate = true;
      structured.newMode = '100644';
    }
    patches.push({ path: file.path, patch: formatPatch(structured), encoding: file.encoding ?? 'utf-8' });
  }
  return patches;
}

/** The whole diff as text (exact for UTF-8 files, which is nearly all of them). */
export function formatDiff(files: readonly DiffableFile[], options: DiffOptions = {}): string {
  return filePatches(files, options)
    .map((p) => p.patch)
    .join('');
}

/**
 * The whole diff as bytes, each file's section in that file's own encoding
 * (a Python file declaring latin-1 is patched in latin-1), so `git apply` finds
 * the exact bytes it expects.
 */
export function encodeDiff(files: readonly DiffableFile[], options: DiffOptions = {}): Buffer {
  return Buffer.concat(
    filePatches(files, options).map((p) => (UTF8.has(p.encoding) ? Buffer.from(p.patch, 'utf8') : encodeSource(p.patch, { bom: false, encoding: p.encoding }))),
  );
}
