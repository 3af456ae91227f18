import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export function readConfig(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`config/${name}.json`, 'utf8')) as Record<string, unknown>;
}

export async function readConfigAsync(name: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(`config/${name}.json`, 'utf8')) as Record<string, unknown>;
}
