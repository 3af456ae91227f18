// Temporary: regenerates the docs pages of the JS/TS structural rules (deleted before hand-off).
import { it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ruleDocPages } from '../core/report/rule-docs.js';
import { allRules } from '../index.js';
it('docs', () => {
  const mine = new Set(['async-propagation.md', 'fastify-return-reply.md', 'koa-await-next.md', 'top-level-await.md', 'toplevel-async-iife.md', 'parallel-awaits.md', 'sync-boundary.md', 'README.md']);
  for (const [file, text] of ruleDocPages(allRules())) {
    const target = path.join('/work/main/docs/rules', file);
    const same = existsSync(target) && readFileSync(target, 'utf8') === text;
    if (same) continue;
    console.log(mine.has(file) ? 'WRITE' : 'STALE (not mine)', file);
    if (mine.has(file)) writeFileSync(target, text);
  }
});
