// fastify-hook-done: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const fastifyHookDoneRule: RuleMeta = {
  id: RULE.fastifyHookDone,
  language: 'typescript',
  safety: 'safe',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'Drops the `done` callback of a Fastify hook that became async, turning its `done(...)` calls into `return` and `throw`.',
    whatItDoes:
      "For a Fastify hook (`addHook('onRequest' | 'preHandler' | 'onSend' | ...)`, route-level `preHandler`/`onRequest` options, application hooks such as `onClose`) that became async and declares `done`: removes the `done` parameter and rewrites each call after which the hook ends — the last statement, `return done(...)`, `done(...); return;`, the end of a branch that ends the hook. `done()` becomes `return;` (or goes, as the last statement), `done(null, payload)` in `preParsing`/`preSerialization`/`onSend` becomes `return payload;`, and `done(new Error(...))` or `done(err)` under `if (err)` becomes `throw`. In `onRequest`/`preValidation`/`preHandler` hooks that answer with `reply.send()` and do not call `done` on that path, the path resolves with `reply`. A hook whose `done` is called from a callback, inside try/catch or a loop, handed on, or given an error that may be null stays sync, with a manual finding that says which call.",
    why: 'Fastify refuses to register an async hook that also declares `done` (FST_ERR_HOOK_INVALID_ASYNC_HANDLER): an async hook signals completion by resolving or rejecting, and calling `done` as well would run the rest of the request twice.',
    example: {
      before: "const fs = require('fs');\nconst fastify = require('fastify')();\nfastify.addHook('onRequest', (request, reply, done) => {\n  request.motd = fs.readFileSync('motd.txt', 'utf8');\n  done();\n});\n",
      after: "const fastify = require('fastify')();\nconst { readFile } = require('fs/promises');\nfastify.addHook('onRequest', async (request, reply) => {\n  request.motd = await readFile('motd.txt', 'utf8');\n});\n",
    },
    safety: 'Safe: only calls after which the hook ends are rewritten, into the return or rejection that means the same to Fastify; an error argument becomes `throw` only where it cannot be null.',
  },
};
