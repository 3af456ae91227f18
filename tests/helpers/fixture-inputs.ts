// Reading fixture cases' input files, shared by the tests that run every case
// (tests/fixtures.test.ts, the silent-stay checks).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file below `dir`, by its path relative to `base` with `/` separators, read as latin1 (bytes kept). */
export function readTree(dir: string, base = dir, out = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir).sort()) {
    const abs = path.join(dir, entry);
    if (statSync(abs).isDirectory()) readTree(abs, base, out);
    else out.set(path.relative(base, abs).split(path.sep).join('/'), readFileSync(abs, 'latin1'));
  }
  return out;
}

/**
 * Every case of one language's fixtures with its input files: `<case>.input.<ext>`,
 * `<case>.noop.<ext>` (the extension matched by `ext`, without its dot), or `<case>/input/`.
 */
export function fixtureInputs(fixtures: string, ext: RegExp): [string, Map<string, string>][] {
  const single = new RegExp(`^(.+)\\.(input|noop)\\.(${ext.source})$`);
  const cases: [string, Map<string, string>][] = [];
  for (const rule of readdirSync(fixtures).sort()) {
    const ruleDir = path.join(fixtures, rule);
    for (const entry of readdirSync(ruleDir).sort()) {
      const abs = path.join(ruleDir, entry);
      if (statSync(abs).isDirectory()) cases.push([`${rule}/${entry}`, readTree(path.join(abs, 'input'))]);
      const m = single.exec(entry);
      if (m) cases.push([`${rule}/${m[1]}`, new Map([[`${m[1]}.${m[3]}`, readFileSync(abs, 'latin1')]])]);
    }
  }
  return cases;
}
