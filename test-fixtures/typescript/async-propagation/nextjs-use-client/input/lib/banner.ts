import { readFileSync } from 'node:fs';

export function banner(): string {
  return readFileSync('banner.txt', 'utf8').trim();
}
