// No silent stays in the JS/TS fixtures and example apps: every function reachable from an
// entry point that holds a blocking call, or calls a function that becomes async in place,
// changes, or a finding names it, its call or its line (transforms/core/silent-stays.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureInputs } from '../../tests/helpers/fixture-inputs.js';
import { parseOptionLine, toMigrateOptions } from '../../tests/helpers/fixture-options.js';
import { runMigration } from '../core/pipeline.js';
import { onTypeScriptSilentStays, type SilentStay } from '../core/silent-stays.js';
import { typescriptAdapter } from './adapter.js';

const repo = path.resolve(import.meta.dirname, '..', '..');
const fixtures = path.join(repo, 'test-fixtures', 'typescript');
const apps = ['express-shop', 'express-sqlite', 'express5-ts', 'verify-node'].map((a) => path.join(repo, 'test-fixtures', 'apps', a));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-ts-stays-'));
afterAll(() => {
  onTypeScriptSilentStays(undefined);
  rmSync(scratch, { recursive: true, force: true });
});

/** How many functions the check looked at, over the cases run so far. */
let looked = 0;

async function staysIn(name: string, dir: string, files: Map<string, string>): Promise<string[]> {
  const line = [...files.values()].map((t) => parseOptionLine(t.split(/\r?\n/, 1)[0] ?? '')).find(Boolean) ?? {};
  let stays: SilentStay[] | undefined;
  onTypeScriptSilentStays((_root, s, candidates) => {
    stays = s;
    looked += candidates;
  });
  await runMigration({ cwd: dir, paths: ['.'], adapters: [typescriptAdapter], ...toMigrateOptions(line) });
  // A case the check never looked at would pass without being checked (a case with no JS/TS file has nothing to look at).
  if (!stays) return [...files.keys()].some((f) => /\.[cm]?[jt]sx?$/.test(f)) ? [`${name}: the JS/TS analysis did not run`] : [];
  return stays.map((s) => `${name}: ${s.path}:${s.line} ${s.name} (blocks or calls at line ${s.blocksAt.join(', ')})`);
}

describe('silent stays (JS/TS)', () => {
  it('finds none in the JS/TS fixtures', async () => {
    const found: string[] = [];
    for (const [name, files] of fixtureInputs(fixtures, /[cm]?[jt]sx?/)) {
      const dir = path.join(scratch, name.replace('/', '__'));
      for (const [rel, text] of files) {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), text);
      }
      found.push(...(await staysIn(name, dir, files)));
    }
    expect(found).toEqual([]);
    // Functions that stay sync with a finding are looked at too: the check is not empty.
    expect(looked).toBeGreaterThan(50);
  }, 1_200_000);

  it('finds none in the example apps, in default mode and under --entry all', async () => {
    const found: string[] = [];
    for (const app of apps) {
      for (const entry of ['handlers', 'all'] as const) {
        let stays: SilentStay[] | undefined;
        onTypeScriptSilentStays((_root, s) => {
          stays = s;
        });
        await runMigration({ cwd: app, paths: ['.'], adapters: [typescriptAdapter], entry });
        if (!stays) found.push(`${path.basename(app)} (${entry}): the JS/TS analysis did not run`);
        for (const s of stays ?? []) found.push(`${path.basename(app)} (${entry}): ${s.path}:${s.line} ${s.name} (line ${s.blocksAt.join(', ')})`);
      }
    }
    expect(found).toEqual([]);
  }, 600_000);
});
