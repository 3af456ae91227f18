const { readFile } = require('fs/promises');
const fastify = require('fastify')();

fastify.get('/config', async (request, reply) => {
  reply.send(await readFile('config.json', 'utf8'));
  return reply;
});
