const fastify = require('fastify')();
const { readFile, access } = require('fs/promises');

fastify.addHook('onRequest', async (request, reply) => {
  request.motd = await readFile('motd.txt', 'utf8');
});

fastify.addHook('preHandler', async function auth(request, reply) {
  const token = await readFile('token.txt', 'utf8');
  if (request.headers.authorization !== token) {
    reply.code(401).send({ error: 'unauthorized' });
    return reply;
  }
});

fastify.addHook('onSend', async (request, reply, payload) => {
  const banner = await readFile('banner.txt', 'utf8');
  if (!payload) return;
  return banner + payload;
});

fastify.route({
  method: 'GET',
  url: '/status',
  onRequest: async (request, reply) => {
    const err = (await access('maintenance').then(() => true, () => false)) ? new Error('down for maintenance') : null;
    if (err) throw err;
  },
  handler: (request, reply) => ({ ok: true }),
});

fastify.register(async (instance) => {
  instance.addHook('preValidation', async (request, reply) => {
    if (!(await access('schema.json').then(() => true, () => false))) {
      throw new Error('no schema');
    } else {
      request.schema = await readFile('schema.json', 'utf8');
      return;
    }
  });
  instance.get('/items', { preHandler: async (request, reply) => { request.items = await readFile('items.json', 'utf8'); } }, (request, reply) => {
    return request.items;
  });
});
