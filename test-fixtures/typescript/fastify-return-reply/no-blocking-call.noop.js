const fastify = require('fastify')();

fastify.get('/ping', (request, reply) => {
  reply.send('pong');
});
