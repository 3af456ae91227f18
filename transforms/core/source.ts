// Reading and writing source files byte-faithfully: BOM, encoding and line
// endings come back out exactly as they went in.
import { readFileSync } from 'node:fs';
import type { Language } from './types.js';

export interface DecodedSource {
  text: string;
  /** Whether the file started with a UTF-8 byte order mark (not part of `text`). */
  bom: boolean;
  /** 'utf-8', or a single-byte encoding declared by a Python coding cookie. */
  encoding: string;
}

export type ReadOutcome = { ok: true; source: DecodedSource } | { ok: false; reason: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Python's coding cookie (PEP 263): on line 1 or 2, `coding[:=]\s*([-\w.]+)`. */
function pythonCodingCookie(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 400).toString('latin1').split(/\r?\n/).slice(0, 2);
  for (const line of head) {
    const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
    if (m) return m[1].toLowerCase();
  }
  return undefined;
}

const UTF8_NAMES = new Set(['utf-8', 'utf8', 'utf_8', 'u8']);

/** Decodes a file's bytes, or says why it is not a text file awaitify can rewrite. */
export function decodeSource(bytes: Buffer, language: Language | undefined): ReadOutcome {
  const sample = bytes.subarray(0, 8000);
  if (sample.includes(0)) return { ok: false, reason: 'binary file (contains NUL bytes); awaitify only rewrites text source files' };
  const bom = bytes.length >= 3 && UTF8_BOM.every((b, i) => bytes[i] === b);
  const body = bom ? bytes.subarray(3) : bytes;
  const declared = language === 'python' ? pythonCodingCookie(body) : undefined;
  if (declared && !UTF8_NAMES.has(declared)) {
    const codec = singleByteCodec(declared);
    if (!codec) {
      return {
        ok: false,
        reason: `declared encoding '${declared}' is not supported for rewriting (single-byte encodings and UTF-8 are); convert the file to UTF-8 or exclude it`,
      };
    }
    return { ok: true, source: { text: codec.decode(body), bom, encoding: declared } };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { ok: true, source: { text, bom, encoding: 'utf-8' } };
  } catch {
    return {
      ok: false,
      reason: 'not valid UTF-8 and no encoding is declared; re-save the file as UTF-8 (or add a PEP 263 coding line to a Python file)',
    };
  }
}

export function readSource(absPath: string, language: Language | undefined): ReadOutcome {
  let bytes: Buffer;
  try {
    bytes = readFileSync(absPath);
  } catch (err) {
    return { ok: false, reason: `cannot read: ${(err as Error).message}` };
  }
  return decodeSource(bytes, language);
}

/** Encodes text back to the bytes of the file's original encoding. */
export function encodeSource(text: string, source: Pick<DecodedSource, 'bom' | 'encoding'>): Buffer {
  let body: Buffer;
  if (UTF8_NAMES.has(source.encoding)) {
    body = Buffer.from(text, 'utf8');
  } else {
    const codec = singleByteCodec(source.encoding);
    if (!codec) throw new Error(`cannot encode to ${source.encoding}`);
    body = codec.encode(text);
  }
  return source.bom ? Buffer.concat([Buffer.from(UTF8_BOM), body]) : body;
}

interface SingleByteCodec {
  decode(bytes: Uint8Array): string;
  encode(text: string): Buffer;
}

const codecs = new Map<string, SingleByteCodec | undefined>();

/**
 * A single-byte codec built from the platform's decoder, so encoding back is
 * exact for every character the file could contain. Multi-byte legacy
 * encodings are refused rather than guessed.
 */
const LATIN1_NAMES = new Set(['latin-1', 'latin1', 'latin', 'l1', 'iso-8859-1', 'iso8859-1', 'iso-8859-1', '8859', 'cp819', 'iso-ir-100']);

function singleByteCodec(name: string): SingleByteCodec | undefined {
  if (codecs.has(name)) return codecs.get(name);
  const label = name.replace(/_/g, '-');
  if (LATIN1_NAMES.has(label)) {
    // Python's latin-1 is ISO-8859-1 proper (the web's 'latin1' label means windows-1252).
    const latin1: SingleByteCodec = { decode: (bytes) => Buffer.from(bytes).toString('latin1'), encode: (text) => encodeLatin1(text, name) };
    codecs.set(name, latin1);
    return latin1;
  }
  let codec: SingleByteCodec | undefined;
  try {
    const decoder = new TextDecoder(label, { fatal: true });
    if (decoder.encoding === 'utf-8' || decoder.encoding.startsWith('utf-16')) throw new Error('not single-byte');
    const table: string[] = [];
    const reverse = new Map<string, number>();
    for (let b = 0; b < 256; b++) {
      // A byte that does not decode alone is the lead byte of a multi-byte sequence.
      const ch = decoder.decode(Uint8Array.of(b));
      if (ch.length !== 1) throw new Error('not single-byte');
      table.push(ch);
      if (ch && !reverse.has(ch)) reverse.set(ch, b);
    }
    codec = {
      decode: (bytes) => new TextDecoder(decoder.encoding, { fatal: true }).decode(bytes),
      encode: (text) => {
        const out = Buffer.alloc(text.length);
        for (let i = 0; i < text.length; i++) {
          const b = reverse.get(text[i]);
          if (b === undefined) throw new Error(`character ${JSON.stringify(text[i])} cannot be written in ${name}`);
          out[i] = b;
        }
        return out;
      },
    };
  } catch {
    codec = undefined;
  }
  codecs.set(name, codec);
  return codec;
}

function encodeLatin1(text: string, name: string): Buffer {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0xff) throw new Error(`character ${JSON.stringify(text[i])} cannot be written in ${name}`);
  }
  return Buffer.from(text, 'latin1');
}
