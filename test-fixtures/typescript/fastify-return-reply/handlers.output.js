const fastify = require('fastify')({ logger: true });
const { readFile, access, writeFile } = require('fs/promises');

async function loadUser(id) {
  return JSON.parse(await readFile(`users/${id}.json`, 'utf8'));
}

fastify.get('/users/:id', async (request, reply) => {
  const user = await loadUser(request.params.id);
  if (!user) {
    reply.code(404).send({ error: 'not found' });
    return reply;
  }
  reply.send(user);
  return reply;
});

fastify.get('/health', async (request, reply) => {
  return { ok: await access('ready').then(() => true, () => false) };
});

fastify.route({
  method: 'POST',
  url: '/users',
  async handler(request, reply) {
    await writeFile('users/new.json', JSON.stringify(request.body));
    reply.code(201).send({ created: true });
    return reply;
  },
});

fastify.register(async (instance) => {
  instance.get('/config', async (request, reply) => {
    reply.send(await readFile('config.json', 'utf8'));
    return reply;
  });
});
