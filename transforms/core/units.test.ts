import { describe, expect, it } from 'vitest';
import { buildUnits, functionKey, reviewUnitsBoundByReview } from './units.js';
import type { Finding, FunctionSpan, MigrationPlan } from './types.js';

const finding = (path: string, line: number, column: number, rule = 'r', groups?: string[]): Finding => ({
  rule,
  path,
  line,
  column,
  message: `${rule} at ${path}:${line}:${column}`,
  safety: 'safe',
  edits: [{ start: 0, end: 0, text: '' }],
  ...(groups ? { groups } : {}),
});
const span = (path: string, name: string, line: number, column: number, endLine: number, endColumn: number): FunctionSpan => ({ path, name, line, column, endLine, endColumn });
const plan = (names: [string, string, number][]): MigrationPlan => ({
  entries: [],
  asyncFunctions: names.map(([path, name, line]) => ({ id: `${path}:${name}`, path, name, line, reason: 'blocking-call' as const })),
  awaitedCalls: [],
  boundaries: [],
});

describe('buildUnits', () => {
  const spans = [
    span('a.js', 'load', 1, 1, 4, 2),
    span('a.js', 'list', 6, 1, 9, 2),
    // An arrow callback on line 8 of `list`, starting at column 30.
    span('a.js', 'filter callback', 8, 30, 8, 60),
    span('b.js', 'handler', 1, 1, 3, 2),
    span('b.js', 'other', 5, 1, 7, 2),
  ];

  it('a function with the calls that await it; a finding goes to the innermost function holding its line and column; module-level findings per file', () => {
    const findings = [
      finding('a.js', 1, 1, 'async'),
      finding('a.js', 2, 10, 'read'),
      finding('a.js', 6, 1, 'async'),
      finding('a.js', 8, 10, 'readdir'),
      finding('a.js', 8, 40, 'in-callback'),
      finding('b.js', 2, 3, 'await-load'),
      finding('b.js', 6, 3, 'other-rewrite'),
      finding('b.js', 10, 1, 'module-level'),
      finding('b.js', 11, 1, 'module-level-2'),
    ];
    const units = buildUnits(findings, plan([['a.js', 'load', 1], ['a.js', 'list', 6], ['b.js', 'handler', 1]]), spans, [
      { path: 'b.js', line: 2, column: 3, calleePath: 'a.js', calleeLine: 1, calleeColumn: 1 },
    ]);
    expect(units.map((u) => [u.id, u.label, u.functions, u.findings.map((f) => `${f.rule}@${f.path}:${f.line}`)])).toEqual([
      ['u1', '`load`, `handler` async (a.js:1 and 1 more file)', ['load', 'handler'], ['async@a.js:1', 'read@a.js:2', 'await-load@b.js:2']],
      ['u2', '`list` async (a.js:6)', ['list'], ['async@a.js:6', 'readdir@a.js:8']],
      ['u3', 'in-callback at a.js:8', [], ['in-callback@a.js:8']],
      ['u4', 'other-rewrite at b.js:6', [], ['other-rewrite@b.js:6']],
      ['u5', '2 findings at b.js:10', [], ['module-level@b.js:10', 'module-level-2@b.js:11']],
    ]);
    expect(findings.map((f) => f.unit)).toEqual(['u1', 'u1', 'u2', 'u2', 'u3', 'u1', 'u4', 'u5', 'u5']);
  });

  it("an adapter's groups tie findings together, by key or by the function they name", () => {
    const findings = [finding('a.js', 2, 10, 'read'), finding('a.js', 7, 3, 'list-rewrite'), finding('b.js', 6, 3, 'bridge', [functionKey('a.js', 1)]), finding('b.js', 10, 1, 'imports', ['imports:b.js'])];
    findings[1].groups = ['imports:b.js'];
    const units = buildUnits(findings, plan([]), spans, []);
    expect(units.map((u) => u.findings.map((f) => f.rule))).toEqual([['read', 'bridge'], ['list-rewrite', 'imports']]);
  });

  it('a review finding the unit needs (bindsUnit) makes its safe findings review; a unit without one, or with a safe one, is left as it is', () => {
    const findings = [finding('a.js', 2, 10, 'upstream', [functionKey('b.js', 1)]), finding('b.js', 2, 3, 'handler-read'), finding('b.js', 6, 3, 'other-read')];
    findings[0].safety = 'review';
    findings[0].bindsUnit = true;
    const units = buildUnits(findings, plan([]), spans, []);
    reviewUnitsBoundByReview(units);
    expect(findings.map((f) => f.safety)).toEqual(['review', 'review', 'safe']);
    expect(findings[1].message).toContain('applied together with upstream at a.js:2');
    const safeBinding = [finding('a.js', 2, 10, 'upstream', [functionKey('b.js', 1)]), finding('b.js', 2, 3, 'handler-read')];
    safeBinding[0].bindsUnit = true;
    reviewUnitsBoundByReview(buildUnits(safeBinding, plan([]), spans, []));
    expect(safeBinding.map((f) => f.safety)).toEqual(['safe', 'safe']);
  });
});
