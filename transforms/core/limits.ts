// Limits: files awaitify does not read (too large) or does not rewrite
// (minified or generated). Each is skipped with the reason, never silently:
// a one-line 5 MB bundle costs a minute and gigabytes to analyse, and a
// generated file is overwritten by its generator anyway.
import { UsageError } from './errors.js';

/** Files larger than this are skipped unless `--max-file-size` says otherwise. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/** `2MB`, `500k`, `1.5m`, `65536` (bytes); units are binary (1k = 1024 bytes). */
export function parseFileSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) throw new UsageError(`--max-file-size ${text}: expected a size such as 2MB, 500k or a number of bytes`);
  const bytes = Math.floor(Number(m[1]) * unit);
  if (bytes <= 0) throw new UsageError(`--max-file-size ${text}: the limit must be more than 0 bytes`);
  return bytes;
}

/** `1.5 MB`, `512 KB`, `300 bytes`. */
export function formatFileSize(bytes: number): string {
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

export function oversizeReason(size: number, limit: number): string | undefined {
  if (size <= limit) return undefined;
  return `${formatFileSize(size)}, over the size limit of ${formatFileSize(limit)}: not read (pass --max-file-size ${Math.ceil(size / 1024 / 1024)}MB to include it)`;
}

/** A line this long is never written by hand. */
const MINIFIED_LINE = 5000;
/** Average characters per line above which a file of some size is minified (hand-written code averages 25–45). */
const MINIFIED_AVERAGE = 300;
const MINIFIED_MIN_SIZE = 2048;
/** With a source-map comment, a file is compiled output: minified already at a lower average. */
const SOURCE_MAPPED_AVERAGE = 150;
/** Markers of generated code, within the first lines: Go's `Code generated ... DO NOT EDIT.`, Facebook's `@generated`. */
const GENERATED_MARK = /@generated\b|\bDO NOT EDIT\b/;
const HEADER_LINES = 5;

/**
 * Why a file looks minified or generated, or undefined. The heuristic:
 * - a `@generated` or `DO NOT EDIT` marker in a comment within the first 5 lines;
 * - a line of 5,000 characters or more;
 * - 2 KB or more with over 300 characters per line on average;
 * - a `sourceMappingURL` comment and over 150 characters per line on average.
 * File names (`.min.js`, `.bundle.js`) are handled by discovery.
 */
export function generatedReason(text: string): string | undefined {
  const head = text.split('\n', HEADER_LINES);
  const marked = head.find((line) => GENERATED_MARK.test(line) && /^\s*(\/\/|\/\*|\*|#|""")/.test(line));
  if (marked) return `generated code (its header says \`${marked.trim().slice(0, 80)}\`): not rewritten; change its generator instead`;
  let lines = 1;
  let longest = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    longest = Math.max(longest, i - start);
    start = i + 1;
    lines++;
  }
  longest = Math.max(longest, text.length - start);
  const average = text.length / lines;
  if (longest >= MINIFIED_LINE) return `looks minified (a line of ${longest} characters): not rewritten`;
  if (text.length >= MINIFIED_MIN_SIZE && average > MINIFIED_AVERAGE) return `looks minified (${Math.round(average)} characters per line on average): not rewritten`;
  if (average > SOURCE_MAPPED_AVERAGE && /[#@] sourceMappingURL=/.test(text)) {
    return `looks like compiled output (a sourceMappingURL comment and ${Math.round(average)} characters per line on average): not rewritten; migrate its source instead`;
  }
  return undefined;
}
