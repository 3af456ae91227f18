// The jscodeshift entry runs the same engine: the real jscodeshift CLI with
// `-t transforms/jscodeshift/awaitify.cjs` must produce, file by file, exactly
// what `awaitify migrate` produces on the same single-file fixture cases.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../transforms/index.js';
import { parseOptionLine, toMigrateOptions } from './helpers/fixture-options.js';

const repo = path.resolve(import.meta.dirname, '..');
const jscodeshift = path.join(repo, 'node_modules/jscodeshift/bin/jscodeshift.js');
const shim = path.join(repo, 'transforms/jscodeshift/awaitify.cjs');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-jscodeshift-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Case {
  label: string;
  file: string;
  options: Record<string, string>;
}

function singleFileCases(): Case[] {
  const root = path.join(repo, 'test-fixtures/typescript');
  if (!existsSync(root)) return [];
  const cases: Case[] = [];
  for (const rule of readdirSync(root).sort()) {
    const dir = path.join(root, rule);
    if (!statSync(dir).isDirectory()) continue;
    for (const entry of readdirSync(dir).sort()) {
      if (!/\.(input|noop)\.[^.]+$/.test(entry)) continue;
      const file = path.join(dir, entry);
      const options = parseOptionLine(readFileSync(file, 'utf8').split(/\r?\n/, 1)[0]) ?? {};
      cases.push({ label: `${rule}/${entry}`, file, options });
    }
  }
  return cases;
}

const cases = singleFileCases();

/**
 * awaitify migrates each case as a project of its own (in process: the same
 * engine the CLI runs); jscodeshift, being per-file by design, runs once per
 * set of options over every case's directory. Then a byte comparison per case.
 */
interface Group {
  flags: string[];
  members: { c: Case; rel: string }[];
}

function groupCases(): Group[] {
  const groups = new Map<string, Group>();
  cases.forEach((c, i) => {
    const flags = Object.entries(c.options)
      .map(([k, v]) => `--${k}=${v}`)
      .sort();
    const key = flags.join(' ');
    const group = groups.get(key) ?? { flags, members: [] };
    group.members.push({ c, rel: `${i}/${path.basename(c.file).replace(/\.(input|noop)\./, '.')}` });
    groups.set(key, group);
  });
  return [...groups.values()];
}

const outputs = new Map<string, { cli: string; jscodeshift: string }>();

beforeAll(async () => {
  let g = 0;
  for (const group of groupCases()) {
    const viaShift = path.join(scratch, `${++g}`, 'jscodeshift');
    for (const { c, rel } of group.members) {
      const viaCli = path.join(scratch, `${g}`, 'migrate', path.dirname(rel));
      for (const file of [path.join(viaShift, rel), path.join(viaCli, path.basename(rel))]) {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, readFileSync(c.file));
      }
      await migrate({ cwd: viaCli, paths: ['.'], write: true, ...toMigrateOptions(c.options) });
    }
    const extensions = [...new Set(group.members.map(({ rel }) => path.extname(rel).slice(1)))].join(',');
    execFileSync(
      process.execPath,
      [jscodeshift, '--no-babel', '--run-in-band', '--silent', `--extensions=${extensions}`, '-t', shim, `--root=${viaShift}`, ...group.flags, '.'],
      { cwd: viaShift, stdio: 'pipe' },
    );
    for (const { c, rel } of group.members) {
      const viaCli = path.join(scratch, `${g}`, 'migrate', path.dirname(rel));
      outputs.set(c.label, { cli: readFileSync(path.join(viaCli, path.basename(rel)), 'utf8'), jscodeshift: readFileSync(path.join(viaShift, rel), 'utf8') });
    }
  }
}, 600_000);

describe('jscodeshift -t awaitify.cjs', () => {
  it('has single-file cases to compare', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases.map((c) => [c.label, c] as const))('%s: same output as awaitify migrate', (label) => {
    const out = outputs.get(label);
    expect(out, `${label} was not run`).toBeDefined();
    expect(out!.jscodeshift).toBe(out!.cli);
  });
});
