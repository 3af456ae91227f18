import { readFileSync } from 'node:fs';

export interface Settings {
  title: string;
}

export function readSettings(path: string): Settings {
  return JSON.parse(readFileSync(path, 'utf8')) as Settings;
}
