// fixture-options: entry=all
// `readConfig` would become async, but `start` calls it in a parameter
// default, where it cannot be awaited: it stays sync.
import fs from 'node:fs';

function readConfig(path: string): string {
  return fs.readFileSync(path, 'utf8');
}

export function start(path: string, config: string = readConfig(path)): number {
  return config.length;
}
