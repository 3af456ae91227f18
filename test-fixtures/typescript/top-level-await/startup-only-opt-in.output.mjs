// fixture-options: entry=all toplevel=await
import { readFile } from 'node:fs/promises';

async function loadSchema() {
  return JSON.parse(await readFile(new URL('./schema.json', import.meta.url), 'utf8'));
}

export const schema = await loadSchema();
