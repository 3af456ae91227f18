// fixture-options: entry=all api=twin
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export function read(name) {
  return readFileSync(name, 'utf8');
}

export async function readAsync(name) {
  return await readFile(name, 'utf8');
}
