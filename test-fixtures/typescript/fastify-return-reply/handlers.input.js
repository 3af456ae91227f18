const fs = require('fs');
const fastify = require('fastify')({ logger: true });

function loadUser(id) {
  return JSON.parse(fs.readFileSync(`users/${id}.json`, 'utf8'));
}

fastify.get('/users/:id', (request, reply) => {
  const user = loadUser(request.params.id);
  if (!user) {
    reply.code(404).send({ error: 'not found' });
    return;
  }
  reply.send(user);
});

fastify.get('/health', (request, reply) => {
  return { ok: fs.existsSync('ready') };
});

fastify.route({
  method: 'POST',
  url: '/users',
  handler(request, reply) {
    fs.writeFileSync('users/new.json', JSON.stringify(request.body));
    reply.code(201).send({ created: true });
  },
});

fastify.register(async (instance) => {
  instance.get('/config', (request, reply) => {
    reply.send(fs.readFileSync('config.json', 'utf8'));
  });
});
