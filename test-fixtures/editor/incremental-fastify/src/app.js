const fastify = require('fastify')();
const { audit } = require('./audit');

fastify.addHook('onRequest', audit);

fastify.get('/ping', (request, reply) => {
  audit(request, reply, () => {});
  reply.send('pong');
});

module.exports = fastify;
