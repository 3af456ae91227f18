import { readFile } from 'node:fs/promises';

export interface Settings {
  title: string;
}

export async function readSettings(path: string): Promise<Settings> {
  return JSON.parse(await readFile(path, 'utf8')) as Settings;
}
