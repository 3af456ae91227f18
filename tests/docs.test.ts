// The rule docs are generated from the rules' metadata and their examples are
// tested: docs/rules/ must match what the metadata renders to, byte for byte,
// and every example's "before", migrated like a fixture, must give its "after".
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleExtension, ruleDocPages, splitExampleOptions } from '../transforms/core/report/rule-docs.js';
import { allRules, migrate, type RuleMeta, type Targets } from '../transforms/index.js';
import { toMigrateOptions } from './helpers/fixture-options.js';

const repo = path.resolve(import.meta.dirname, '..');
const docsDir = path.join(repo, 'docs/rules');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'awaitify-docs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const rules = allRules();
const REGENERATE = 'regenerate them with `npm run build && node scripts/gen-docs.mjs`';

describe('generated rule docs', () => {
  const pages = ruleDocPages(rules);

  it.each([...pages.keys()])('docs/rules/%s is up to date with the metadata', (file) => {
    const target = path.join(docsDir, file);
    expect(existsSync(target), `docs/rules/${file} is missing; ${REGENERATE}`).toBe(true);
    expect(readFileSync(target, 'utf8'), `docs/rules/${file} is stale; ${REGENERATE}`).toBe(pages.get(file));
  });

  it('has no page without a rule', () => {
    const onDisk = existsSync(docsDir) ? readdirSync(docsDir).filter((f) => f.endsWith('.md')) : [];
    expect(onDisk.filter((f) => !pages.has(f))).toEqual([]);
  });

  it('every rule has all of its docs', () => {
    for (const r of rules) {
      for (const key of ['summary', 'whatItDoes', 'why', 'safety'] as const) expect(r.docs[key].trim(), `${r.id}: docs.${key}`).not.toBe('');
      expect(r.docs.example.before.trim(), `${r.id}: docs.example.before`).not.toBe('');
    }
  });
});

async function migrateExample(rule: RuleMeta) {
  const dir = path.join(scratch, `${rule.language}-${rule.id}`);
  mkdirSync(dir, { recursive: true });
  // Django handlers live in views modules: a Python example is a views.py.
  const file = rule.language === 'python' ? `views.${exampleExtension(rule)}` : `example.${exampleExtension(rule)}`;
  // The options line is shown as flags in the docs; the code the reader sees is what is migrated.
  const { options, body } = splitExampleOptions(rule.docs.example.before);
  writeFileSync(path.join(dir, file), body);
  const { targets, ...policies } = toMigrateOptions(options);
  const result = await migrate({
    cwd: dir,
    paths: ['.'],
    ...policies,
    // The example shows the rule at the oldest targets it supports.
    targets: { ...(rule.minTargets as Partial<Targets>), ...targets },
  });
  const migrated = result.files.find((f) => f.path === file);
  return { result, migrated, before: body };
}

describe('rule doc examples', () => {
  it.each(rules.map((r) => [`${r.language}/${r.id}`, r] as const))('%s: the example migrates to the documented after', async (_id, rule) => {
    const { result, migrated, before } = await migrateExample(rule);
    expect(migrated?.status, `${rule.id}: ${migrated?.reason ?? ''}`).toMatch(/^(changed|unchanged)$/);
    const mine = result.findings.filter((f) => f.rule === rule.id);
    expect(mine.length, `${rule.id}: the example must show the rule at work (report one of its findings)`).toBeGreaterThan(0);
    if (rule.safety === 'manual') {
      // Never applied: the documented "after" is the reader's fix, the tool leaves the code alone.
      expect(migrated!.output, `${rule.id}: a manual rule's example must come out unchanged`).toBe(before);
      expect(mine.every((f) => !f.applied)).toBe(true);
    } else {
      expect(migrated!.output, `${rule.id}: the example's "after"`).toBe(splitExampleOptions(rule.docs.example.after).body);
    }
  });
});
