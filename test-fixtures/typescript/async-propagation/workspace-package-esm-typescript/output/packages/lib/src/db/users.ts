import { readFile } from 'node:fs/promises';

export async function loadUsers(): Promise<string[]> {
  return (await readFile('data/users.txt', 'utf8')).split('\n');
}
