import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export default function readConfig(path) {
  return readFileSync(path, 'utf8');
}

export async function readConfigAsync(path) {
  return await readFile(path, 'utf8');
}
export function readOther(path) {
  return readFileSync(path, 'utf8');
}

export async function readOtherAsync(path) {
  return await readFile(path, 'utf8');
}
export class Defaults {
  constructor() {
    this.value = readConfig('d.json') + readOther('e');
  }
}
