// No silent stays in the Python fixtures: every function reachable from an entry point
// that holds a blocking operation awaitify knows of changes, or a finding names it or
// its operation (transforms/core/silent-stays.ts).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureInputs } from '../../tests/helpers/fixture-inputs.js';
import { parseOptionLine, toMigrateOptions } from '../../tests/helpers/fixture-options.js';
import { runMigration } from '../core/pipeline.js';
import { pythonAdapter } from './adapter.js';
import { onSilentStays, silentStays, type SilentStay } from '../core/silent-stays.js';

const fixtures = path.resolve(import.meta.dirname, '..', '..', 'test-fixtures', 'python');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-stays-'));
afterAll(() => {
  onSilentStays(undefined);
  rmSync(scratch, { recursive: true, force: true });
});

describe('silent stays', () => {
  it('names a stay that no finding explains, and not one a finding names', () => {
    const candidates = [
      { path: 'a.py', name: 'helper', qualname: 'Loader.helper', line: 3, blocksAt: [4] },
      { path: 'a.py', name: 'other', qualname: 'other', line: 9, blocksAt: [10, 11] },
      { path: 'a.py', name: 'wrapped', qualname: 'wrapped', line: 20, blocksAt: [21] },
    ];
    const finding = (line: number, message: string) => ({ rule: 'r', path: 'a.py', line, column: 1, message, safety: 'manual' as const, edits: [] });
    expect(silentStays(candidates, [finding(11, 'x'), finding(30, 'wrapped() blocks')])).toEqual([{ path: 'a.py', name: 'Loader.helper', line: 3, blocksAt: [4] }]);
  });

  it('finds none in the Python fixtures', async () => {
    const found: string[] = [];
    let looked = 0;
    for (const [name, files] of fixtureInputs(fixtures, /py/)) {
      const dir = path.join(scratch, name.replace('/', '__'));
      for (const [rel, text] of files) {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), text);
      }
      const line = [...files.values()].map((t) => parseOptionLine(t.split(/\r?\n/, 1)[0] ?? '')).find(Boolean) ?? {};
      let stays: SilentStay[] | undefined;
      onSilentStays((_root, s, candidates) => {
        stays = s;
        looked += candidates;
      });
      await runMigration({ cwd: dir, paths: ['.'], adapters: [pythonAdapter], ...toMigrateOptions(line) });
      // A case the check never looked at would pass without being checked.
      if (!stays) found.push(`${name}: the Python analysis did not run`);
      for (const s of stays ?? []) found.push(`${name}: ${s.path}:${s.line} ${s.name} (blocks at line ${s.blocksAt.join(', ')})`);
    }
    expect(found).toEqual([]);
    // Functions that stay sync with a finding are looked at too (21 when this was written): the check is not empty.
    expect(looked).toBeGreaterThan(10);
  }, 1_200_000);
});
