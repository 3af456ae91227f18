import { readFileSync } from 'node:fs';

export function loadUsers(): string[] {
  return readFileSync('data/users.txt', 'utf8').split('\n');
}
