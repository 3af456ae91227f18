import { readFileSync } from 'node:fs';
export function loadLib() {
  return readFileSync('lib.txt', 'utf8');
}
export const lib = loadLib();
