// fixture-options: entry=all
// Optional chains that end at the call (or go on with `?.`) keep their
// short-circuit under `await`: `await undefined` is undefined.
import fs from 'node:fs';

export class Store {
  load(p: string): string {
    return fs.readFileSync(p, 'utf8');
  }
}

export function size(s: Store | undefined, p: string) {
  return s?.load(p)?.length;
}

export function text(s: Store | undefined, p: string) {
  return s?.load(p);
}
