// awaitify robustness repro (--entry all), rule: async-propagation.
// `s.load?.(p).trim()`: when `s.load` is undefined the whole chain
// short-circuits to undefined. awaitify wraps only the optional call:
//     (await s.load?.(p)).trim()
// which throws "Cannot read properties of undefined (reading 'trim')" in the
// case the original handled. (`(await s?.load(p))?.length` is fine: the
// chain continues with `?.`.)
// Expected: keep the short-circuit, e.g. `(await s.load?.(p))?.trim()`, or
// report the call as manual work.
import fs from 'node:fs';

export class Store {
  load(p: string): string {
    return fs.readFileSync(p, 'utf8');
  }
}

export function b(s: Store, p: string) {
  return s.load?.(p).trim();
}
