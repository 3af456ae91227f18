// fixture-options: entry=all
const fs = require('fs');
const fastify = require('fastify')();

fastify.addHook('onClose', (instance, done) => {
  fs.writeFileSync('closed.txt', 'bye');
  done();
});

fastify.addHook('onReady', function (done) {
  fs.mkdirSync('cache', { recursive: true });
  done();
});

fastify.addHook('preClose', async () => {
  fs.rmSync('cache', { recursive: true, force: true });
});
