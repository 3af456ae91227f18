import { describe, expect, it } from 'vitest';
import { applyEdits, detectEol, lineColumnAt, normalizeEdits, OverlappingEditsError } from './edits.js';

describe('applyEdits', () => {
  it('applies insertions and replacements in offset order whatever the report order', () => {
    const text = 'const a = f();\nconst b = g();\n';
    const out = applyEdits(text, [
      { start: 25, end: 28, text: 'await g()' },
      { start: 10, end: 13, text: 'await f()' },
    ]);
    expect(out).toBe('const a = await f();\nconst b = await g();\n');
  });

  it('keeps insertions at one offset in report order and drops exact duplicates', () => {
    expect(applyEdits('x', [{ start: 0, end: 0, text: 'a' }, { start: 0, end: 0, text: 'b' }, { start: 0, end: 0, text: 'a' }])).toBe('abx');
  });

  it('rejects overlapping replacements', () => {
    expect(() => applyEdits('abcdef', [{ start: 1, end: 4, text: 'X' }, { start: 3, end: 5, text: 'Y' }])).toThrow(OverlappingEditsError);
    expect(() => normalizeEdits([{ start: 2, end: 4, text: 'X' }, { start: 2, end: 3, text: 'Y' }])).toThrow(OverlappingEditsError);
  });

  it('allows an insertion where a replacement starts', () => {
    expect(applyEdits('f();', [{ start: 0, end: 3, text: 'g()' }, { start: 0, end: 0, text: 'await ' }])).toBe('await g();');
  });

  it('writes CRLF for inserted newlines in a CRLF file and leaves the rest alone', () => {
    const text = 'a();\r\nb();\r\n';
    expect(applyEdits(text, [{ start: 6, end: 6, text: 'try {\n  ' }], '\r\n')).toBe('a();\r\ntry {\r\n  b();\r\n');
  });

  it('refuses an edit past the end of the text', () => {
    expect(() => applyEdits('ab', [{ start: 1, end: 5, text: '' }])).toThrow(RangeError);
  });
});

describe('detectEol and lineColumnAt', () => {
  it('finds the dominant line ending', () => {
    expect(detectEol('a\r\nb\r\nc\n')).toBe('\r\n');
    expect(detectEol('a\nb\n')).toBe('\n');
    expect(detectEol('no newline')).toBe('\n');
  });

  it('gives 1-based lines and columns', () => {
    expect(lineColumnAt('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
  });
});
