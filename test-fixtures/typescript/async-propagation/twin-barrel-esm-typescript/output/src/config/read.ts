import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface Settings {
  port: number;
}

export function readSettings(path: string): Settings {
  return JSON.parse(readFileSync(path, 'utf8')) as Settings;
}

export async function readSettingsAsync(path: string): Promise<Settings> {
  return JSON.parse(await readFile(path, 'utf8')) as Settings;
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

export async function readTextAsync(path: string): Promise<string> {
  return await readFile(path, 'utf8');
}
