// fixture-options: entry=all
// Optional chains that end at the call (or go on with `?.`) keep their
// short-circuit under `await`: `await undefined` is undefined.
import { readFile } from 'node:fs/promises';

export class Store {
  async load(p: string): Promise<string> {
    return await readFile(p, 'utf8');
  }
}

export async function size(s: Store | undefined, p: string) {
  return (await s?.load(p))?.length;
}

export async function text(s: Store | undefined, p: string) {
  return await s?.load(p);
}
