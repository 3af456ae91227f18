// Migration units: the findings that must be applied together to leave consistent code.
// Built from the plan and the findings alone (no parser): a finding belongs to the function
// that holds it; a function made async goes with every call that awaits it (so with its
// callers, and theirs); findings outside any function go with the rest of their file's
// module-level edits; an adapter can tie more together with `Finding.groups`.
import type { AwaitLink, Finding, FunctionSpan, MigrationPlan, MigrationUnit } from './types.js';

/** The group key of the function declared at `path:line` (for `Finding.groups`). */
export function functionKey(path: string, line: number): string {
  return `fn:${path}:${line}`;
}

class UnionFind {
  private parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(x, root);
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

/**
 * Groups every finding into exactly one unit and sets `finding.unit`. Units are
 * numbered in the order of their first finding (findings sorted by site).
 */
export function buildUnits(findings: Finding[], plan: MigrationPlan, spans: FunctionSpan[], links: AwaitLink[]): MigrationUnit[] {
  const uf = new UnionFind();
  const spansByPath = new Map<string, FunctionSpan[]>();
  for (const s of spans) {
    const list = spansByPath.get(s.path);
    if (list) list.push(s);
    else spansByPath.set(s.path, [s]);
  }
  // The innermost function that holds a position: the one starting last among those that contain it.
  const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 <= c2);
  const holder = (path: string, line: number, column = 1): string => {
    let best: FunctionSpan | undefined;
    for (const s of spansByPath.get(path) ?? []) {
      if (!before(s.line, s.column, line, column) || !before(line, column, s.endLine, s.endColumn)) continue;
      if (!best || before(best.line, best.column, s.line, s.column)) best = s;
    }
    return best ? functionKey(best.path, best.line) : `module:${path}`;
  };
  for (const link of links) uf.union(holder(link.path, link.line, link.column), holder(link.calleePath, link.calleeLine, link.calleeColumn));
  // A planned function's column: its span's (the plan gives the line only).
  const columnOf = (fn: { path: string; name: string; line: number }) =>
    (spansByPath.get(fn.path) ?? []).find((s) => s.name === fn.name && s.line === fn.line)?.column ?? (spansByPath.get(fn.path) ?? []).find((s) => s.line === fn.line)?.column ?? 1;
  const ordered = [...findings].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column));
  ordered.forEach((f, i) => {
    const node = `finding:${i}`;
    uf.union(holder(f.path, f.line, f.column), node);
    for (const g of f.groups ?? []) uf.union(g, node);
  });
  const units = new Map<string, MigrationUnit>();
  ordered.forEach((f, i) => {
    const root = uf.find(`finding:${i}`);
    let unit = units.get(root);
    if (!unit) {
      unit = { id: `u${units.size + 1}`, label: '', functions: [], findings: [] };
      units.set(root, unit);
    }
    unit.findings.push(f);
    f.unit = unit.id;
  });
  // A unit's functions: the planned ones (in plan order) held where one of its findings is held.
  const unitsAt = new Map<string, Set<MigrationUnit>>();
  for (const unit of units.values()) {
    for (const f of unit.findings) {
      const at = `${f.path}:${holder(f.path, f.line, f.column)}`;
      unitsAt.set(at, (unitsAt.get(at) ?? new Set()).add(unit));
    }
  }
  for (const fn of plan.asyncFunctions) for (const unit of unitsAt.get(`${fn.path}:${holder(fn.path, fn.line, columnOf(fn))}`) ?? []) unit.functions.push(fn.name);
  for (const unit of units.values()) unit.label = unitLabel(unit);
  return [...units.values()];
}

function unitLabel(unit: MigrationUnit): string {
  const first = unit.findings[0];
  const files = new Set(unit.findings.map((f) => f.path)).size;
  const where = `${first.path}:${first.line}${files > 1 ? ` and ${files - 1} more file${files > 2 ? 's' : ''}` : ''}`;
  if (unit.functions.length) {
    const names = unit.functions.slice(0, 3).map((n) => `\`${n}\``).join(', ');
    const more = unit.functions.length > 3 ? ` and ${unit.functions.length - 3} more` : '';
    return `${names}${more} async (${where})`;
  }
  return `${unit.findings.length === 1 ? first.rule : `${unit.findings.length} findings`} at ${where}`;
}

/** The units that change something when applied (a finding with edits that the run applies). */
export function changingUnits(units: MigrationUnit[], willApply: (f: Finding) => boolean): MigrationUnit[] {
  return units.filter((u) => u.findings.some(willApply));
}

// Test code by the path conventions of both ecosystems: test directories, `*.test.*`/`*.spec.*`
// scripts, pytest's `test_*.py`/`*_test.py`/`conftest.py` and Django's `tests.py`.
const TEST_DIRECTORY = /(^|\/)(tests?|__tests__|specs?)\//;
const TEST_FILE = /(^|\/)([^/]+\.(test|spec)\.[cm]?[jt]sx?|test_[^/]+\.py|[^/]+_tests?\.py|conftest\.py|tests\.py)$/;

/** Whether a root-relative path is test code by those conventions. */
export function isTestPath(p: string): boolean {
  return TEST_DIRECTORY.test(p) || TEST_FILE.test(p);
}

/**
 * A unit holding a finding that the rest of it needs (`bindsUnit`) is no safer than that
 * finding: when it is `review`, so is every safe finding of the unit (with the reason), so
 * `--safety safe` leaves the whole unit out instead of applying it without the finding.
 */
export function reviewUnitsBoundByReview(units: MigrationUnit[]): void {
  for (const unit of units) {
    const binding = unit.findings.find((f) => f.bindsUnit && f.edits.length > 0 && f.safety !== 'safe');
    if (!binding) continue;
    const reason = ` Review: it is applied together with ${binding.rule} at ${binding.path}:${binding.line}, which is a change to review and without which this one would be wrong.`;
    for (const f of unit.findings) {
      if (f.safety !== 'safe' || f.edits.length === 0) continue;
      f.safety = 'review';
      f.message += reason;
    }
  }
}

/**
 * A unit that changes code outside the tests and edits test files with it changes what the
 * tests call (a function they call becomes async, and the tests are made to await it): that
 * is a change to review, never `safe`. Its safe findings become `review` with the reason, so
 * `--safety safe` leaves the whole unit out. Units inside the tests alone are left as they are.
 */
export function reviewUnitsTestsCall(units: MigrationUnit[]): void {
  for (const unit of units) {
    const edits = unit.findings.filter((f) => f.edits.length > 0);
    const inTests = edits.filter((f) => isTestPath(f.path));
    if (!inTests.length || inTests.length === edits.length) continue;
    const first = inTests[0]!;
    const more = new Set(inTests.map((f) => f.path)).size - 1;
    const reason = ` Review: the tests call what this unit changes (${first.path}:${first.line}${more > 0 ? ` and ${more} more test file${more > 1 ? 's' : ''}` : ''}) and change with it.`;
    for (const f of edits) {
      if (f.safety !== 'safe') continue;
      f.safety = 'review';
      f.message += reason;
    }
  }
}
