import { readFileSync } from 'node:fs';

export function readConfig(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(`config/${name}.json`, 'utf8')) as Record<string, unknown>;
}
