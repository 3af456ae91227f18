// The ids of the structural JS/TS rules: the ones that carry async through the
// call graph and repair what breaks when a function becomes async. Each rule's
// metadata is its own module under rules/; the blocking call rewrites
// themselves are catalog rows (transforms/typescript/blocking).
export const RULE = {
  asyncPropagation: 'async-propagation',
  returnAwaitInTry: 'return-await-in-try',
  forEachAsyncCallback: 'foreach-async-callback',
  mapAsyncCallback: 'map-async-callback',
  predicateAsyncCallback: 'predicate-async-callback',
  asyncCallbackBoundary: 'async-callback-boundary',
  syncBoundary: 'sync-boundary',
  blockingCallUnmigrated: 'blocking-call-unmigrated',
  express4AsyncErrors: 'express4-async-errors',
  fastifyReturnReply: 'fastify-return-reply',
  fastifyHookDone: 'fastify-hook-done',
  nestOnModuleInit: 'nest-on-module-init',
  koaAwaitNext: 'koa-await-next',
  topLevelAwait: 'top-level-await',
  toplevelAsyncIife: 'toplevel-async-iife',
  parallelAwaits: 'parallel-awaits',
  interleavingHazard: 'interleaving-hazard',
} as const;
