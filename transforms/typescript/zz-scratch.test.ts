// Temporary exploration harness (deleted before hand-off).
import { it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { migrate } from '../index.js';
it('scratch', async () => {
  const dir = process.env.SCRATCH_DIR!;
  const opts: Record<string, string> = Object.fromEntries((process.env.SCRATCH_OPTS ?? '').split(/\s+/).filter(Boolean).map((kv) => kv.split('=') as [string, string]));
  const { entry, api, safety, rules, toplevel, ...targets } = opts;
  const r = await migrate({ cwd: dir, paths: ['.'], entry, api: api as any, safety: safety as any, toplevel: toplevel as any, targets, ...(rules ? { rules: rules.split(',') } : {}) });
  let out = '';
  for (const f of r.files) if (f.status !== 'unchanged') out += `=== ${f.path} (${f.status}) ${f.reason ?? ''}\n${f.output ?? ''}\n`;
  for (const f of r.findings) out += `${f.applied ? 'A' : '-'} ${f.rule} ${f.path}:${f.line} [${f.safety}] ${f.message}\n`;
  console.log(out);
});
