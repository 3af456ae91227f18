// The jscodeshift entry runs the same engine: the real jscodeshift CLI with
// `-t transforms/jscodeshift/awaitify.cjs` must produce, file by file, exactly
// what `awaitify migrate` produces on the same single-file fixture cases.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '..');
const cli = path.join(repo, 'dist/cli/awaitify.js');
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
      const first = readFileSync(file, 'utf8').split(/\r?\n/, 1)[0];
      const m = /^\/\/\s*fixture-options:(.*)$/.exec(first);
      const options = m ? Object.fromEntries(m[1].trim().split(/\s+/).filter(Boolean).map((kv) => kv.split('=') as [string, string])) : {};
      cases.push({ label: `${rule}/${entry}`, file, options });
    }
  }
  return cases;
}

const cases = singleFileCases();

describe('jscodeshift -t awaitify.cjs', () => {
  it('has single-file cases to compare', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases.map((c) => [c.label, c] as const))('%s: same output as awaitify migrate', (label, c) => {
    const name = path.basename(c.file).replace(/\.(input|noop)\./, '.');
    const viaCli = path.join(scratch, label.replace(/[^\w.-]+/g, '_'), 'cli');
    const viaShift = path.join(scratch, label.replace(/[^\w.-]+/g, '_'), 'jscodeshift');
    for (const dir of [viaCli, viaShift]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, name), readFileSync(c.file));
    }
    const flags = Object.entries(c.options).map(([k, v]) => `--${k}=${v}`);
    execFileSync(process.execPath, [cli, 'migrate', '.', '--write', '--no-progress', '--quiet', ...flags], { cwd: viaCli, stdio: 'pipe' });
    execFileSync(
      process.execPath,
      [jscodeshift, '--no-babel', '--run-in-band', '--silent', `--extensions=${path.extname(name).slice(1)}`, '-t', shim, `--root=${viaShift}`, ...flags, name],
      { cwd: viaShift, stdio: 'pipe' },
    );
    expect(readFileSync(path.join(viaShift, name), 'utf8')).toBe(readFileSync(path.join(viaCli, name), 'utf8'));
  });
});
