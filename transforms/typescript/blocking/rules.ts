// The metadata of the catalog's blocking-call rules, apart from the matching code so that
// the rule list loads without ts-morph.
import { NODE_BLOCKING_RULES } from '../../catalog/node.js';
import type { RuleMeta } from '../../core/types.js';

export const blockingRules: RuleMeta[] = NODE_BLOCKING_RULES.map((rule) => ({
  id: rule.id,
  language: 'typescript',
  docs: rule.docs,
  safety: rule.safety,
  exampleExt: rule.exampleExt,
  ...(rule.minTargets ? { minTargets: rule.minTargets } : {}),
}));
