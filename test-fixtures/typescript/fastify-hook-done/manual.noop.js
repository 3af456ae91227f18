const fs = require('fs');
const fastify = require('fastify')();

// `done` runs after the hook has returned: it cannot become `return`.
fastify.addHook('preValidation', (request, reply, done) => {
  request.raw = fs.readFileSync('raw.bin');
  setImmediate(() => done());
});

// Inside try/catch, `throw` would be caught by the hook itself.
fastify.addHook('onError', (request, reply, error, done) => {
  try {
    fs.appendFileSync('errors.log', String(error));
  } catch (err) {
    return done(err);
  }
  done();
});

// `lookupError` may be null: `done(null)` continues where `throw null` would fail.
fastify.addHook('onRequest', (request, reply, done) => {
  const lookupError = fs.existsSync('blocked') ? new Error('blocked') : null;
  done(lookupError);
});

// The hook goes on after `done()`.
fastify.addHook('preHandler', (request, reply, done) => {
  done();
  fs.writeFileSync('last-request.txt', request.url);
});
