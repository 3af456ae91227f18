// fastify-return-reply: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const fastifyReturnReplyRule: RuleMeta = {
  id: RULE.fastifyReturnReply,
  language: 'typescript',
  safety: 'safe',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'Makes a Fastify handler that became async and calls `reply.send()` resolve with `reply`.',
    whatItDoes:
      'In a Fastify route handler (`fastify.get/post/...`, `fastify.route({ handler })`, routes of plugins) that became async and answers through `reply.send()` (or `redirect`, `view`, `sendFile`), turns bare `return;` into `return reply;` and adds `return reply;` where the body can run off its end. Handlers that return their payload are left alone. The same holds for `onRequest`, `preValidation` and `preHandler` hooks that answer early; payload hooks (`preParsing`, `preSerialization`, `onSend`) resolve with their payload and are left alone.',
    why: 'Fastify sends what an async handler resolves to. A handler that calls `reply.send()` and then resolves `undefined` makes Fastify try to send a second time ("Reply was already sent"); returning `reply` tells it the response is handled.',
    example: {
      before: "const fs = require('fs');\nconst fastify = require('fastify')();\nfastify.get('/config', (request, reply) => {\n  reply.send(fs.readFileSync('config.json', 'utf8'));\n});\n",
      after: "const fastify = require('fastify')();\nconst { readFile } = require('fs/promises');\nfastify.get('/config', async (request, reply) => {\n  reply.send(await readFile('config.json', 'utf8'));\n  return reply;\n});\n",
    },
    safety: 'Safe: the response is the one the handler sent; only the promise now resolves with `reply`, as Fastify requires.',
  },
};
