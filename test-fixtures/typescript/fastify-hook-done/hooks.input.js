const fs = require('fs');
const fastify = require('fastify')();

fastify.addHook('onRequest', (request, reply, done) => {
  request.motd = fs.readFileSync('motd.txt', 'utf8');
  done();
});

fastify.addHook('preHandler', function auth(request, reply, done) {
  const token = fs.readFileSync('token.txt', 'utf8');
  if (request.headers.authorization !== token) {
    reply.code(401).send({ error: 'unauthorized' });
    return;
  }
  done();
});

fastify.addHook('onSend', (request, reply, payload, done) => {
  const banner = fs.readFileSync('banner.txt', 'utf8');
  if (!payload) return done();
  done(null, banner + payload);
});

fastify.route({
  method: 'GET',
  url: '/status',
  onRequest: (request, reply, done) => {
    const err = fs.existsSync('maintenance') ? new Error('down for maintenance') : null;
    if (err) return done(err);
    done();
  },
  handler: (request, reply) => ({ ok: true }),
});

fastify.register(async (instance) => {
  instance.addHook('preValidation', (request, reply, done) => {
    if (!fs.existsSync('schema.json')) {
      done(new Error('no schema'));
    } else {
      request.schema = fs.readFileSync('schema.json', 'utf8');
      done();
    }
  });
  instance.get('/items', { preHandler: (request, reply, done) => { request.items = fs.readFileSync('items.json', 'utf8'); done(); } }, (request, reply) => {
    return request.items;
  });
});
