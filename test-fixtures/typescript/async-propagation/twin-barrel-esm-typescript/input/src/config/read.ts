import { readFileSync } from 'node:fs';

export interface Settings {
  port: number;
}

export function readSettings(path: string): Settings {
  return JSON.parse(readFileSync(path, 'utf8')) as Settings;
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}
