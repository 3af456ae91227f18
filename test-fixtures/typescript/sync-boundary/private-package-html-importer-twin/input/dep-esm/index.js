// fixture-options: entry=all api=twin
import { readFileSync } from 'node:fs';

export function read(name) {
  return readFileSync(name, 'utf8');
}
