// The edit model: rules report edits; only this module turns them into text.
import type { TextEdit } from './types.js';

/** Two edits that touch the same text: a bug in a rule, surfaced rather than resolved by guessing. */
export class OverlappingEditsError extends Error {
  constructor(
    readonly first: TextEdit,
    readonly second: TextEdit,
  ) {
    super(
      `overlapping edits [${first.start}, ${first.end}) ${JSON.stringify(first.text)} and [${second.start}, ${second.end}) ${JSON.stringify(second.text)}`,
    );
    this.name = 'OverlappingEditsError';
  }
}

/**
 * Sorts edits, drops exact duplicates (two findings asking for the same
 * insertion), and rejects overlaps. Insertions at the same offset keep the
 * order in which they were reported.
 */
export function normalizeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const indexed = edits.map((edit, index) => ({ edit, index }));
  indexed.sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index);
  const out: TextEdit[] = [];
  const seen = new Set<string>();
  for (const { edit } of indexed) {
    if (edit.start > edit.end || edit.start < 0) throw new RangeError(`invalid edit range [${edit.start}, ${edit.end})`);
    const key = `${edit.start}:${edit.end}:${edit.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const prev = out[out.length - 1];
    if (prev && edit.start < prev.end) throw new OverlappingEditsError(prev, edit);
    // A replacement that starts where a same-offset insertion sits is fine; two
    // replacements sharing a start are not.
    if (prev && prev.start === edit.start && prev.end > prev.start && edit.end > edit.start) throw new OverlappingEditsError(prev, edit);
    out.push(edit);
  }
  return out;
}

/** Applies edits to text; inserted `\n` becomes `eol` so CRLF files stay CRLF. */
export function applyEdits(text: string, edits: readonly TextEdit[], eol: '\n' | '\r\n' = '\n'): string {
  const sorted = normalizeEdits(edits);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.end > text.length) throw new RangeError(`edit [${edit.start}, ${edit.end}) is past the end of the text (${text.length})`);
    out += text.slice(cursor, edit.start);
    out += eol === '\n' ? edit.text : edit.text.replace(/\r?\n/g, '\r\n');
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** The line ending a file mostly uses. */
export function detectEol(text: string): '\n' | '\r\n' {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > lf ? '\r\n' : '\n';
}

/** 1-based line and column of an offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
