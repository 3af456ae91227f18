import { readFileSync } from 'node:fs';

export default function readConfig(path) {
  return readFileSync(path, 'utf8');
}
export function readOther(path) {
  return readFileSync(path, 'utf8');
}
export class Defaults {
  constructor() {
    this.value = readConfig('d.json') + readOther('e');
  }
}
