// Per-test results read from a test command's output: mocha, jest, vitest, node:test (TAP
// and spec), pytest (-rA summary or -v lines) and Django's runner (verbosity 2), plus the
// summary counts each prints. Whatever is not recognised is ignored: the caller falls back
// to the counts, then to the exit code.

export type TestStatus = 'pass' | 'fail';

export interface TestResults {
  /** Test name → status; a test reported both ways counts as failing. */
  tests: Map<string, TestStatus>;
  /** Passed/failed counts from the runner's summary line, when one was found. */
  summary?: { passed: number; failed: number };
}

const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

export function parseTestOutput(output: string): TestResults {
  const lines = stripAnsi(output).replace(/\r\n?/g, '\n').split('\n');
  const tests = new Map<string, TestStatus>();
  const record = (name: string, status: TestStatus) => {
    const key = name.trim();
    if (key && tests.get(key) !== 'fail') tests.set(key, status);
  };
  parsePytest(lines, record);
  parseDjango(lines, record);
  parseTap(lines, record);
  parseSpec(lines, record);
  parseVitestAndJestFiles(lines, record);
  return { tests, ...summaryOf(lines) };
}

type Record = (name: string, status: TestStatus) => void;

/** pytest: `PASSED a.py::t` / `FAILED a.py::t - msg` (-rA) and `a.py::t PASSED [ 50%]` (-v). */
function parsePytest(lines: string[], record: Record): void {
  for (const line of lines) {
    let m = /^(PASSED|FAILED|ERROR) (\S+::\S+)(?: - .*)?$/.exec(line);
    if (m) {
      record(m[2], m[1] === 'PASSED' ? 'pass' : 'fail');
      continue;
    }
    m = /^(\S+::\S+) (PASSED|FAILED|ERROR)\b/.exec(line);
    if (m) record(m[1], m[2] === 'PASSED' ? 'pass' : 'fail');
    // A module that cannot be collected: every test in it is missing.
    m = /^ERROR (\S+\.py)(?: - .*)?$/.exec(line);
    if (m) record(m[1], 'fail');
  }
}

/** Django (unittest) at verbosity 2: `test_x (app.tests.Class.test_x) ... ok`, the docstring form on two lines, and `FAIL: test_x (...)` headers. */
function parseDjango(lines: string[], record: Record): void {
  const nameOf = (method: string, where: string) => (where.endsWith(`.${method}`) ? where : `${where}.${method}`);
  let pending: string | undefined;
  for (const line of lines) {
    let m = /^(\w+) \(([\w.]+)\)/.exec(line);
    const result = /\.\.\. (ok|FAIL|ERROR|skipped.*|expected failure|unexpected success)$/.exec(line);
    if (m) {
      const name = nameOf(m[1], m[2]);
      const status = result ? djangoStatus(result[1]) : undefined;
      if (status) record(name, status);
      pending = result ? undefined : name;
      continue;
    }
    if (pending && result) {
      const status = djangoStatus(result[1]);
      if (status) record(pending, status);
      pending = undefined;
      continue;
    }
    m = /^(FAIL|ERROR): (\w+) \(([\w.]+)\)/.exec(line);
    if (m) record(nameOf(m[2], m[3]), 'fail');
  }
}

function djangoStatus(word: string): TestStatus | undefined {
  if (word === 'ok' || word === 'expected failure') return 'pass';
  if (word === 'FAIL' || word === 'ERROR' || word === 'unexpected success') return 'fail';
  return undefined;
}

/** TAP (node:test's reporter when not on a terminal): `ok 1 - name`, `not ok 2 - name`, subtests named by their `# Subtest:` parents. */
function parseTap(lines: string[], record: Record): void {
  const open: { indent: number; title: string }[] = [];
  for (const line of lines) {
    const sub = /^(\s*)# Subtest: (.*)$/.exec(line);
    if (sub) {
      open.push({ indent: sub[1].length, title: sub[2] });
      continue;
    }
    const m = /^(\s*)(not ok|ok) \d+(?: - (.*?))?(?: # (SKIP|TODO)\b.*)?$/.exec(line);
    if (!m) continue;
    const indent = m[1].length;
    while (open.length && open[open.length - 1].indent > indent) open.pop();
    const self = open.length && open[open.length - 1].indent === indent ? open.pop() : undefined;
    const title = m[3] ?? self?.title ?? '';
    if (m[4]) continue;
    record([...open.map((o) => o.title), title].join(' > '), m[2] === 'ok' ? 'pass' : 'fail');
  }
}

const PASS_MARK = /^(\s*)(?:✔|✓|√)\s+(.*)$/;
const FAIL_MARK = /^(\s*)(?:✖|✕|×|\d+\))\s+(.*)$/;
const DURATION = /\s+\((?:\d+(?:\.\d+)?\s*m?s)\)$|\s+\d+(?:\.\d+)?m?s$/;

/** Spec reporters (mocha, node:test spec, jest --verbose, vitest verbose): marked lines under indented suite titles. */
function parseSpec(lines: string[], record: Record): void {
  const suites: { indent: number; title: string }[] = [];
  for (const line of lines) {
    // Mocha's summary and node's "failing tests:" end the tree; what follows repeats titles with other nesting.
    if (/^\s+\d+ (passing|failing)\b/.test(line) || /^✖ failing tests:/.test(line)) break;
    if (!line.trim()) continue;
    const pass = PASS_MARK.exec(line);
    const fail = pass ? null : (FAIL_MARK.exec(line) ?? /^(\s*)❯\s+(.*\(\d+ tests?.*\).*)$/.exec(line));
    const hit = pass ?? fail;
    const indent = (hit ? hit[1] : /^\s*/.exec(line)![0]).length;
    while (suites.length && suites[suites.length - 1].indent >= indent) suites.pop();
    if (hit) {
      const title = hit[2].replace(DURATION, '').trim();
      // vitest's file lines (`✓ test/a.test.ts (3 tests) 5ms`, `❯ test/b.test.ts (2 tests | 1 failed)`) stand for the file.
      const file = /^(\S+) \(\d+ tests?(?: \| \d+ \w+)*\)$/.exec(title);
      if (file) record(`file: ${file[1]}`, pass ? 'pass' : 'fail');
      else record([...suites.map((s) => s.title), title].join(' > '), pass ? 'pass' : 'fail');
      continue;
    }
    const suite = /^\s*(▶\s+)?(\S.*)$/.exec(line)!;
    // Only titles nest (node's `▶ suite`, mocha's indented ones), not log lines, stack frames, TAP or summary lines.
    if ((suite[1] || indent > 0) && !/^(at |#|ok |not ok |ℹ|[-=]{3})/.test(suite[2])) suites.push({ indent, title: suite[2].replace(DURATION, '') });
  }
}

/** jest's `PASS file` / `FAIL file` and vitest's `FAIL  file > suite > test` lines. */
function parseVitestAndJestFiles(lines: string[], record: Record): void {
  for (const line of lines) {
    const m = /^\s*(PASS|FAIL)\s+(\S.*?)\s*(?:\(\d+(?:\.\d+)? ?m?s\))?$/.exec(line);
    if (m) record(m[2].includes(' > ') ? m[2] : `file: ${m[2]}`, m[1] === 'PASS' ? 'pass' : 'fail');
  }
}

/** The counts of the last summary line any runner prints. */
function summaryOf(lines: string[]): { summary?: { passed: number; failed: number } } {
  let summary: { passed: number; failed: number } | undefined;
  const count = (text: string, word: RegExp) => {
    const m = new RegExp(`(\\d+) ${word.source}`).exec(text);
    return m ? Number(m[1]) : 0;
  };
  let djangoRan: number | undefined;
  let mocha: { passed: number; failed: number } | undefined;
  for (const line of lines) {
    // pytest: `==== 1 failed, 2 passed in 0.12s ====`
    if (/^=+ .*\b(passed|failed|errors?)\b.* in [\d.]+s/.test(line)) summary = { passed: count(line, /passed/), failed: count(line, /failed/) + count(line, /errors?/) };
    // jest: `Tests:       1 failed, 3 passed, 4 total`; vitest: `Tests  1 failed | 3 passed (4)`
    else if (/^\s*Tests:?\s+.*\b(passed|failed)\b/.test(line)) summary = { passed: count(line, /passed/), failed: count(line, /failed/) };
    // node:test: `# pass 3` / `ℹ pass 3`, `# fail 1`
    else if (/^(#|ℹ) (pass|fail) \d+$/.test(line)) {
      const [, , word, n] = /^(#|ℹ) (pass|fail) (\d+)$/.exec(line)!;
      summary = { passed: summary?.passed ?? 0, failed: summary?.failed ?? 0, [word === 'pass' ? 'passed' : 'failed']: Number(n) };
    }
    // mocha: `  3 passing (12ms)` / `  1 failing`
    else if (/^\s+\d+ passing\b/.test(line)) mocha = { passed: count(line, /passing/), failed: 0 };
    else if (/^\s+\d+ failing\b/.test(line) && mocha) mocha.failed = count(line, /failing/);
    // Django / unittest: `Ran 5 tests in 0.01s` then `OK` or `FAILED (failures=1, errors=2)`
    else if (/^Ran \d+ tests? in /.test(line)) djangoRan = count(line, /tests?/);
    else if (djangoRan !== undefined && /^(OK|FAILED)\b/.test(line)) {
      const failed = [...line.matchAll(/(failures|errors)=(\d+)/g)].reduce((n, m) => n + Number(m[2]), 0);
      summary = { passed: djangoRan - failed - [...line.matchAll(/skipped=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0), failed };
      djangoRan = undefined;
    }
  }
  summary ??= mocha;
  return summary ? { summary } : {};
}

/**
 * The first lines of a test's failure: what follows the last place the output names it, up to
 * the next rule. When that is longer than `maxLines`, its first line and its last error line
 * (`TypeError: ...`, `E   assert ...`), which says what went wrong.
 */
export function failureExcerpt(output: string, test: string, maxLines = 6): string {
  const lines = stripAnsi(output).replace(/\r\n?/g, '\n').split('\n');
  const short = test.split(/ > |::|\./).pop()!;
  let at = -1;
  for (let i = lines.length - 1; i >= 0 && at < 0; i--) if (lines[i].includes(test)) at = i;
  for (let i = lines.length - 1; i >= 0 && at < 0; i--) if (short && lines[i].includes(short)) at = i;
  const from = at < 0 ? Math.max(0, lines.length - maxLines - 1) : at + 1;
  const block: string[] = [];
  for (const line of lines.slice(from, from + 60)) {
    if (/^[=_-]{10,}\s*$/.test(line.trim()) && block.length) break;
    if (line.trim() && !/^[\s_=-]+$/.test(line)) block.push(line.trimEnd());
  }
  if (block.length <= maxLines) return block.join('\n');
  const error = [...block].reverse().find((l) => /^\s*(E\s{2,}|([\w.]+)?(Error|Exception)\b)/.test(l));
  return (error ? [block[0], '...', error.trim()] : block.slice(0, maxLines)).join('\n');
}
