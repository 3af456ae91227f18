const fs = require('fs');
const fastify = require('fastify')();

// Already async: nothing to drop.
fastify.addHook('preHandler', async (request, reply) => {
  request.user = JSON.parse(await fs.promises.readFile('user.json', 'utf8'));
});

// A callback hook with no blocking work stays as it is.
fastify.addHook('onRequest', (request, reply, done) => {
  request.startedAt = Date.now();
  done();
});

// A hook that only hands `done` on, with nothing blocking.
fastify.addHook('onResponse', (request, reply, done) => {
  request.log.info({ ms: Date.now() - request.startedAt }, 'done');
  setImmediate(done);
});
