// Every structural JS/TS rule, one module each (its metadata, and where it has
// one, its analysis); the catalog's blocking-call rules are in ../blocking.
// Adding a rule: its module, a line here, a fixture folder and its docs page
// (`npm run docs`).
import type { RuleMeta } from '../../core/types.js';
import { asyncPropagationRule } from './async-propagation.js';
import { returnAwaitInTryRule } from './return-await-in-try.js';
import { forEachAsyncCallbackRule } from './foreach-async-callback.js';
import { mapAsyncCallbackRule } from './map-async-callback.js';
import { predicateAsyncCallbackRule } from './predicate-async-callback.js';
import { asyncCallbackBoundaryRule } from './async-callback-boundary.js';
import { syncBoundaryRule } from './sync-boundary.js';
import { blockingCallUnmigratedRule } from './blocking-call-unmigrated.js';
import { express4AsyncErrorsRule } from './express4-async-errors.js';
import { fastifyReturnReplyRule } from './fastify-return-reply.js';
import { nestOnModuleInitRule } from './nest-on-module-init.js';
import { fastifyHookDoneRule } from './fastify-hook-done.js';
import { koaAwaitNextRule } from './koa-await-next.js';
import { topLevelAwaitRule } from './top-level-await.js';
import { toplevelAsyncIifeRule } from './toplevel-async-iife.js';
import { parallelAwaitsRule } from './parallel-awaits.js';
import { interleavingHazardRule } from './interleaving-hazard.js';
import { intervalAsyncCallbackRule } from './interval-async-callback.js';
import { missingAwaitRule } from './missing-await-meta.js';
import { startupOnlyRule } from './startup-only-io.js';
import { testDoneCallbackRule } from './test-done-callback-meta.js';

export const typescriptRuleModules: RuleMeta[] = [
  asyncPropagationRule,
  returnAwaitInTryRule,
  forEachAsyncCallbackRule,
  mapAsyncCallbackRule,
  predicateAsyncCallbackRule,
  asyncCallbackBoundaryRule,
  syncBoundaryRule,
  blockingCallUnmigratedRule,
  express4AsyncErrorsRule,
  fastifyReturnReplyRule,
  nestOnModuleInitRule,
  fastifyHookDoneRule,
  koaAwaitNextRule,
  topLevelAwaitRule,
  toplevelAsyncIifeRule,
  parallelAwaitsRule,
  interleavingHazardRule,
  startupOnlyRule,
  intervalAsyncCallbackRule,
  testDoneCallbackRule,
  missingAwaitRule,
];
