const fastify = require('fastify')();
const { readFile } = require('fs/promises');

async function auth(request, reply) {
  request.user = (await readFile('user.txt', 'utf8')).trim();
}

async function audit(request, reply) {
  request.log.info(await readFile('audit-tag.txt', 'utf8'));
}

fastify.get('/me', { onRequest: [auth, audit] }, async (request) => {
  return { user: request.user };
});

module.exports = fastify;
