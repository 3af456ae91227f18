import fs from 'node:fs';

export function loadUser(id) {
  return JSON.parse(fs.readFileSync(`users/${id}.json`, 'utf8'));
}
