// fixture-options: entry=all toplevel=await
import { readFileSync } from 'node:fs';

function loadSchema() {
  return JSON.parse(readFileSync(new URL('./schema.json', import.meta.url), 'utf8'));
}

export const schema = loadSchema();
