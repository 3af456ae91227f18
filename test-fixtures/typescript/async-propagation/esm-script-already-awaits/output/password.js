import { writeFile } from 'node:fs/promises';

export async function savePassword(password) {
  if (!password) {
    return { error: 'invalid-password' };
  }
  await writeFile('password.txt', password);
  return {};
}
