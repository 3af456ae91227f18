import { writeFileSync } from 'node:fs';

export function savePassword(password) {
  if (!password) {
    return { error: 'invalid-password' };
  }
  writeFileSync('password.txt', password);
  return {};
}
