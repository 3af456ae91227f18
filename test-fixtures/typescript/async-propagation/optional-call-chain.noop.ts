// fixture-options: entry=all
// `s.load?.(p).trim()` short-circuits to undefined when `s.load` is; an
// `(await s.load?.(p)).trim()` would throw there. `load` stays sync.
import fs from 'node:fs';

export class Store {
  load(p: string): string {
    return fs.readFileSync(p, 'utf8');
  }
}

export function b(s: Store, p: string) {
  return s.load?.(p).trim();
}
