import { describe, expect, it } from 'vitest';
import { decodeSource, encodeSource } from './source.js';

describe('decodeSource / encodeSource', () => {
  it('round-trips UTF-8 with and without a BOM', () => {
    for (const bytes of [Buffer.from('const é = 1;\n'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x\r\n')])]) {
      const out = decodeSource(bytes, 'typescript');
      expect(out.ok).toBe(true);
      if (!out.ok) return;
      expect(out.source.text.startsWith('\uFEFF')).toBe(false);
      expect(encodeSource(out.source.text, out.source).equals(bytes)).toBe(true);
    }
  });

  it('skips binary files with a reason', () => {
    const out = decodeSource(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1]), 'typescript');
    expect(out).toEqual({ ok: false, reason: expect.stringContaining('binary file') });
  });

  it('skips undeclared non-UTF-8 text with what to do', () => {
    const out = decodeSource(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]), 'typescript');
    expect(out).toEqual({ ok: false, reason: expect.stringContaining('re-save the file as UTF-8') });
  });

  it('decodes and re-encodes a Python file declaring latin-1 byte for byte', () => {
    const bytes = Buffer.concat([Buffer.from('# -*- coding: latin-1 -*-\nname = "caf'), Buffer.from([0xe9]), Buffer.from('"\n')]);
    const out = decodeSource(bytes, 'python');
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.source.encoding).toBe('latin-1');
    expect(out.source.text).toContain('café');
    expect(encodeSource(out.source.text, out.source).equals(bytes)).toBe(true);
  });

  it('refuses a declared multi-byte legacy encoding rather than guessing', () => {
    const out = decodeSource(Buffer.from('# coding: shift_jis\nx = 1\n'), 'python');
    expect(out).toEqual({ ok: false, reason: expect.stringContaining("declared encoding 'shift_jis'") });
  });

  it('ignores coding cookies in other languages', () => {
    const out = decodeSource(Buffer.from('// coding: latin-1\nconst x = 1;\n'), 'typescript');
    expect(out.ok && out.source.encoding).toBe('utf-8');
  });
});
