const fs = require('fs');
const fastify = require('fastify')();

function auth(request, reply, done) {
  request.user = fs.readFileSync('user.txt', 'utf8').trim();
  done();
}

function audit(request, reply, done) {
  request.log.info(fs.readFileSync('audit-tag.txt', 'utf8'));
  done();
}

fastify.get('/me', { onRequest: [auth, audit] }, async (request) => {
  return { user: request.user };
});

module.exports = fastify;
