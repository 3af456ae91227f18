// What the rest of awaitify needs of the JS/TS adapter before a JS/TS file is
// analysed: its extensions and rule list, with no ts-morph loaded. The adapter
// itself (adapter.ts: ts-morph and typescript, about a second and a half of
// CPU to load) is imported when a run has JS/TS files; transforms/index.ts.
import type { LanguageAdapter, RuleMeta } from '../core/types.js';
import { lazyAdapter } from '../core/lazy-adapter.js';
import { blockingRules } from './blocking/rules.js';
import { offloadRules } from './offload/rules.js';
import { typescriptRuleModules } from './rules/index.js';
import { detectNodeTargets } from './targets.js';

export const TYPESCRIPT_EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.tsx', '.mts', '.cts'];

export const TYPESCRIPT_RULES: RuleMeta[] = [...typescriptRuleModules, ...blockingRules, ...offloadRules];

/** The JS/TS adapter, loaded on first use. */
export const lazyTypescriptAdapter: LanguageAdapter = lazyAdapter(
  { language: 'typescript', extensions: TYPESCRIPT_EXTENSIONS, rules: TYPESCRIPT_RULES, detectTargets: detectNodeTargets, awaitOnSyncValueIsHarmless: true },
  async () => (await import('./adapter.js')).typescriptAdapter,
);
