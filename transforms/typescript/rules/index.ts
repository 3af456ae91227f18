// The JS/TS rules that live in their own modules (one rule = one module with
// its metadata and its analysis); rules.ts still holds the older structural ones.
import type { RuleMeta } from '../../core/types.js';
import { intervalAsyncCallbackRule } from './interval-async-callback.js';
import { missingAwaitRule } from './missing-await.js';
import { startupOnlyRule } from './startup-only-io.js';
import { testDoneCallbackRule } from './test-done-callback.js';

export const typescriptRuleModules: RuleMeta[] = [startupOnlyRule, intervalAsyncCallbackRule, testDoneCallbackRule, missingAwaitRule];
