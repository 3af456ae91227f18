// The one generic fixture runner: walks test-fixtures/<language>/<rule-id>/,
// migrates each case in an empty directory, and compares exact text.
// A case is `<name>.input.<ext>` + `<name>.output.<ext>`, `<name>.noop.<ext>`,
// or a directory `<name>/` with `input/` and (unless it is a no-op) `output/`.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allRules, migrate, type MigrateResult } from '../transforms/index.js';
import { readTree } from './helpers/fixture-inputs.js';
import { parseOptionLine, toMigrateOptions, type OptionLine } from './helpers/fixture-options.js';
import { renderFixtureSnapshot } from './helpers/fixture-snapshot.js';

const repo = path.resolve(import.meta.dirname, '..');
const fixturesRoot = path.join(repo, 'test-fixtures');
const LANGUAGES = ['typescript', 'python'] as const;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-fixtures-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface FixtureCase {
  language: (typeof LANGUAGES)[number];
  rule: string;
  name: string;
  /** Relative path → text, as the case's files would sit in a project. */
  input: Map<string, string>;
  /** Expected output, or undefined for a no-op case. */
  output?: Map<string, string>;
}

function collectCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  for (const language of LANGUAGES) {
    const langDir = path.join(fixturesRoot, language);
    if (!existsSync(langDir)) continue;
    for (const rule of readdirSync(langDir).sort()) {
      const ruleDir = path.join(langDir, rule);
      if (!statSync(ruleDir).isDirectory()) continue;
      for (const entry of readdirSync(ruleDir).sort()) {
        const abs = path.join(ruleDir, entry);
        if (statSync(abs).isDirectory()) {
          const input = readTree(path.join(abs, 'input'));
          const outDir = path.join(abs, 'output');
          cases.push({ language, rule, name: entry, input, output: existsSync(outDir) ? readTree(outDir) : undefined });
          continue;
        }
        const m = /^(.+)\.(input|noop)\.([^.]+)$/.exec(entry);
        if (!m) continue;
        const [, name, kind, ext] = m;
        const file = `${name}.${ext}`;
        const input = new Map([[file, readFileSync(abs, 'latin1')]]);
        if (kind === 'noop') {
          cases.push({ language, rule, name, input });
        } else {
          const expected = path.join(ruleDir, `${name}.output.${ext}`);
          cases.push({ language, rule, name, input, output: new Map([[file, existsSync(expected) ? readFileSync(expected, 'latin1') : '<missing .output file>']]) });
        }
      }
    }
  }
  return cases;
}

/** The options line, on the first line of any input file. */
function caseOptions(c: FixtureCase): OptionLine {
  for (const text of c.input.values()) {
    const options = parseOptionLine(text.split(/\r?\n/, 1)[0] ?? '');
    if (options) return options;
  }
  return {};
}

function writeTree(dir: string, files: Map<string, string>): void {
  for (const [rel, text] of files) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    // latin1 round-trips the fixture's bytes exactly, whatever their encoding.
    writeFileSync(abs, text, 'latin1');
  }
}

async function run(dir: string, options: OptionLine, write = false): Promise<MigrateResult> {
  return migrate({ cwd: dir, paths: ['.'], write, ...toMigrateOptions(options) });
}

/** The migrated text of every input file and every created file, as bytes in the file's encoding (latin1 string for comparison). */
function outputsOf(dir: string, result: MigrateResult, input: Map<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  const changed = new Map(result.files.filter((f) => f.status === 'changed').map((f) => [f.path, f]));
  for (const rel of input.keys()) {
    out.set(rel, changed.has(rel) ? readFileSync(path.join(dir, rel), 'latin1') : input.get(rel)!);
  }
  // Files the run created (a helper module the rewrites import) are part of the output.
  for (const f of result.files) if (f.created && f.status === 'changed') out.set(f.path, readFileSync(path.join(dir, f.path), 'latin1'));
  return out;
}

const cases = collectCases();
let counter = 0;

describe.each(LANGUAGES)('%s fixtures', (language) => {
  const mine = cases.filter((c) => c.language === language);
  it.each(mine.map((c) => [`${c.rule}/${c.name}`, c] as const))('%s', async (_label, c) => {
    const dir = path.join(scratch, `${++counter}-${c.rule}-${c.name}`);
    mkdirSync(dir, { recursive: true });
    writeTree(dir, c.input);
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['-c', 'user.email=fixtures@awaitify', '-c', 'user.name=fixtures', 'commit', '-qm', 'input', '--no-gpg-sign'], { cwd: dir });
    const options = caseOptions(c);

    // Apply for real (the atomic write path, encodings) and read the bytes back.
    const first = await run(dir, options, true);
    const failed = first.files.filter((f) => f.status === 'failed' || f.status === 'skipped');
    expect(failed.map((f) => `${f.path}: ${f.reason}`)).toEqual([]);
    const actual = outputsOf(dir, first, c.input);

    if (c.output) {
      for (const [rel, expected] of c.output) expect(actual.get(rel), `${c.rule}/${c.name}: ${rel}`).toBe(expected);
      expect([...actual.keys()].sort()).toEqual([...c.output.keys()].sort());
      expect(
        first.findings.some((f) => f.rule === c.rule),
        `a change case of ${c.rule} must report at least one ${c.rule} finding`,
      ).toBe(true);
    } else {
      for (const [rel, text] of c.input) expect(actual.get(rel), `${c.rule}/${c.name}: ${rel} must not change`).toBe(text);
      // Nor may a no-op case create a file.
      expect([...actual.keys()].sort()).toEqual([...c.input.keys()].sort());
      expect(first.findings.filter((f) => f.applied).map((f) => `${f.rule} ${f.path}:${f.line}`)).toEqual([]);
    }

    // Idempotence: a second run over the output changes nothing.
    const second = await run(dir, options);
    expect(second.files.filter((f) => f.status !== 'unchanged').map((f) => `${f.path}: ${f.status} ${f.reason ?? ''}`)).toEqual([]);

    if (c.language === 'python') {
      for (const rel of actual.keys()) {
        if (rel.endsWith('.py')) execFileSync('python3', ['-m', 'py_compile', path.join(dir, rel)], { stdio: 'pipe' });
      }
    }

    await expect(renderFixtureSnapshot(first)).toMatchFileSnapshot(path.join(repo, 'snapshots', c.language, c.rule, `${c.name}.snap`));
  });
});

describe('fixture catalogue', () => {
  const ruleIds = new Set(allRules().map((r) => r.id));

  it('has no fixture folder without a rule of that id', () => {
    const orphans = [...new Set(cases.map((c) => `${c.language}/${c.rule}`))].filter((k) => !ruleIds.has(k.split('/')[1]));
    expect(orphans).toEqual([]);
  });

  it.each(allRules().map((r) => [r.id, r] as const))('%s has a change case and at least three no-op cases', (_id, rule) => {
    const mine = cases.filter((c) => c.rule === rule.id && c.language === rule.language);
    expect(mine.filter((c) => c.output).length, `${rule.id}: change cases`).toBeGreaterThanOrEqual(1);
    expect(mine.filter((c) => !c.output).length, `${rule.id}: no-op cases`).toBeGreaterThanOrEqual(3);
  });

  it('has no two cases of one name in a folder (they would share one snapshot file)', () => {
    const seen = new Map<string, number>();
    for (const c of cases) seen.set(`${c.language}/${c.rule}/${c.name}`, (seen.get(`${c.language}/${c.rule}/${c.name}`) ?? 0) + 1);
    expect([...seen].filter(([, n]) => n > 1).map(([k]) => k)).toEqual([]);
  });

  it('has no snapshot without a fixture case', () => {
    const snapRoot = path.join(repo, 'snapshots');
    expect(existsSync(snapRoot), 'the snapshots/ folder').toBe(true);
    const expected = new Set(cases.map((c) => `${c.language}/${c.rule}/${c.name}.snap`));
    const actual = [...readTree(snapRoot).keys()].filter((k) => k.endsWith('.snap'));
    expect(actual.filter((k) => !expected.has(k))).toEqual([]);
  });
});
