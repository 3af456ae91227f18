// fixture-options: entry=all
import { readFileSync } from 'node:fs';

// An ES module could await here, but then require() of it would throw ERR_REQUIRE_ASYNC_MODULE.
function loadSchema() {
  return JSON.parse(readFileSync(new URL('./schema.json', import.meta.url), 'utf8'));
}

export const schema = loadSchema();
