// The soundness check behind every run, both languages: a function that holds a blocking
// operation awaitify knows of (a rewrite that needs await), or calls a function that
// becomes async in place, and is reachable from an entry point either changes (async in
// place, or an async twin) or a finding names it, its operation or its call. What fails
// this is a silent stay; tests and the corpus script (scripts/corpus/silent-stays.mjs)
// listen for them. Each adapter gathers its candidates only while someone listens.
import type { Finding } from './types.js';

export interface SilentStay {
  path: string;
  /** The function's qualified name and the line of its `def`. */
  name: string;
  line: number;
  /** Lines of its blocking operations, and of its calls of functions that become async in place. */
  blocksAt: number[];
}

export interface StayCandidate {
  path: string;
  name: string;
  qualname: string;
  line: number;
  blocksAt: number[];
}

/**
 * The candidates no finding explains: none at the function's `def` line or at a line of
 * its blocking operations, and none whose message names it (`qualname`, or `name()` as a
 * caller's wrapped or kept call says it).
 */
export function silentStays(candidates: StayCandidate[], findings: Finding[]): SilentStay[] {
  // AWAITIFY_STRICT_STAYS=1 (an audit switch): a message naming `name()` explains nothing, only the
  // qualified name or a line does (a short name such as `read()` may be another function's).
  const strict = process.env.AWAITIFY_STRICT_STAYS === '1';
  const linesByPath = new Map<string, Set<number>>();
  for (const f of findings) {
    const lines = linesByPath.get(f.path) ?? new Set<number>();
    for (let l = f.line; l <= (f.endLine ?? f.line); l++) lines.add(l);
    linesByPath.set(f.path, lines);
  }
  const messages = findings.map((f) => f.message);
  const out: SilentStay[] = [];
  for (const c of candidates) {
    const lines = linesByPath.get(c.path);
    if (lines && (lines.has(c.line) || c.blocksAt.some((l) => lines.has(l)))) continue;
    if (messages.some((m) => m.includes(c.qualname) || (!strict && m.includes(`${c.name}()`)))) continue;
    out.push({ path: c.path, name: c.qualname, line: c.line, blocksAt: c.blocksAt });
  }
  return out;
}

/** `candidates`: how many functions the check looked at (a check that looks at none proves nothing). */
type Listener = (root: string, stays: SilentStay[], candidates: number) => void;
const listeners: Record<'python' | 'typescript', Listener | undefined> = { python: undefined, typescript: undefined };

/** Listen for each Python run's silent stays (undefined stops). */
export function onSilentStays(l: Listener | undefined): void {
  listeners.python = l;
}

/** Listen for each JS/TS run's silent stays (undefined stops). */
export function onTypeScriptSilentStays(l: Listener | undefined): void {
  listeners.typescript = l;
}

export function silentStayListener(language: 'python' | 'typescript' = 'python'): Listener | undefined {
  return listeners[language];
}
