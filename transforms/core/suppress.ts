// Inline suppression: a comment that tells awaitify to leave one line alone.
//
//   // awaitify-ignore-next-line [rule, ...] [-- reason]      (JavaScript / TypeScript; /* ... */ too, for JSX)
//   x = f()  # awaitify: ignore[rule, ...]                     (Python, the same line)
//   # awaitify: ignore-next-line[rule, ...]                    (Python, the line below)
//
// Without rule ids every rule is suppressed on that line. A suppressed site is not
// converted, so whatever its conversion would have changed with it (the function
// made async, the calls that await it: its migration unit) is held back too: the
// code stays exactly as it is, as if the site were an operation awaitify cannot
// convert. Only comments are read (line by line, no parser): a marker inside a
// string is taken as a comment too, which can only keep more code unchanged.
import type { Finding, Language } from './types.js';

/** Where a suppression comment is and what it covers. */
export interface Suppression {
  /** The line the comment is on (1-based). */
  line: number;
  /** The line it covers. */
  target: number;
  /** Rule ids it names; undefined: every rule. */
  rules?: string[];
}

const JS_MARKER = /(?:\/\/|\/\*)\s*awaitify-ignore-next-line\b(.*)$/;
const PY_MARKER = /#\s*awaitify:\s*ignore(-next-line)?\b(?:\[([^\]]*)\])?/;

/** The suppression comments of a file, by the line each covers. */
export function suppressionsOf(text: string, language: Language): Map<number, Suppression[]> {
  const byTarget = new Map<number, Suppression[]>();
  const add = (s: Suppression) => byTarget.set(s.target, [...(byTarget.get(s.target) ?? []), s]);
  const lines = text.split(/\r?\n|\r/);
  lines.forEach((lineText, i) => {
    const line = i + 1;
    if (language === 'typescript') {
      const m = JS_MARKER.exec(lineText);
      if (!m) return;
      // `-- reason` ends the rule list (as in eslint-disable comments); a block comment's end too.
      const list = m[1].split(/\s--\s|\*\//)[0];
      add({ line, target: line + 1, ...ruleList(list) });
      return;
    }
    const m = PY_MARKER.exec(lineText);
    if (!m) return;
    add({ line, target: m[1] ? line + 1 : line, ...ruleList(m[2] ?? '') });
  });
  return byTarget;
}

function ruleList(text: string): { rules?: string[] } {
  const ids = text.split(/[\s,]+/).filter((id) => /^[a-z0-9][a-z0-9-]*$/.test(id));
  return ids.length ? { rules: ids } : {};
}

/** The suppression that covers a finding (its first line), if any. */
export function suppressionOf(finding: Finding, suppressions: Map<number, Suppression[]> | undefined): Suppression | undefined {
  return suppressions?.get(finding.line)?.find((s) => !s.rules || s.rules.includes(finding.rule));
}

/** A finding left out of the run by a comment, for the reports. */
export interface SuppressedFinding {
  rule: string;
  path: string;
  line: number;
  column: number;
  message: string;
  /** The line of the comment. */
  commentLine: number;
  /** Findings of the same migration unit that are not applied because of it. */
  heldBack: number;
}
