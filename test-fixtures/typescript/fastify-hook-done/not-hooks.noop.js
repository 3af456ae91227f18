// fixture-options: entry=all
const fs = require('fs');
const fastify = require('fastify')();
const events = { addHook: (name, fn) => fn(null, null, () => {}) };

// Fastify runs onRoute hooks synchronously: they stay sync.
fastify.addHook('onRoute', (routeOptions) => {
  routeOptions.config = fs.readFileSync('route-config.json', 'utf8');
});

// Already async, without `done`.
fastify.addHook('onRequest', async (request, reply) => {
  request.startedAt = Date.now();
});

// Another object's addHook: not a Fastify hook.
events.addHook('onRequest', (request, reply, done) => {
  fs.readFileSync('x.txt');
  done();
});
