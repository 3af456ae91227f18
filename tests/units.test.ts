// Migration units on the sample apps: every finding is in exactly one unit, and any unit
// applied alone, or every unit but one, gives files that parse (none fails that the full
// migration does not fail), so --verify can back out any of them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepare } from '../transforms/index.js';
import { repoRoot } from './helpers/python-env.js';

const apps: { name: string; entry?: string }[] = [{ name: 'express-shop' }, { name: 'django-library' }, { name: 'verify-node', entry: 'all' }, { name: 'verify-django' }];

describe('migration units', () => {
  for (const app of apps) {
    it(`${app.name}: each finding in one unit; each unit alone and all but each unit emit code that parses`, async () => {
      const prepared = await prepare({ paths: ['.'], cwd: path.join(repoRoot, 'test-fixtures/apps', app.name), ...(app.entry ? { entry: app.entry } : {}) });
      const full = await prepared.emit();
      const inUnits = prepared.units.flatMap((u) => u.findings);
      expect(inUnits.length).toBe(full.findings.length);
      expect(new Set(inUnits).size).toBe(full.findings.length);
      for (const f of full.findings) expect(prepared.units.find((u) => u.id === f.unit)!.findings).toContain(f);
      const failedIn = (r: typeof full) => r.files.filter((f) => f.status === 'failed').map((f) => f.path);
      const fullFailed = failedIn(full);
      const ids = prepared.changing.map((u) => u.id);
      expect(ids.length).toBeGreaterThan(1);
      for (const id of ids) {
        expect({ only: id, failed: failedIn(await prepared.emit(new Set([id]))) }).toEqual({ only: id, failed: fullFailed });
        expect({ without: id, failed: failedIn(await prepared.emit(new Set(ids.filter((x) => x !== id)))) }).toEqual({ without: id, failed: fullFailed });
      }
      // No unit: nothing changes.
      expect((await prepared.emit(new Set())).files.filter((f) => f.status === 'changed')).toEqual([]);
    }, 120_000);
  }
});
