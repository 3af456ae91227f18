// fixture-options: entry=all
const fastify = require('fastify')();
const { writeFile, mkdir, rm } = require('fs/promises');

fastify.addHook('onClose', async (instance) => {
  await writeFile('closed.txt', 'bye');
});

fastify.addHook('onReady', async function () {
  await mkdir('cache', { recursive: true });
});

fastify.addHook('preClose', async () => {
  await rm('cache', { recursive: true, force: true });
});
