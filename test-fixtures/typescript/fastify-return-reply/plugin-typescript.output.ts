import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';

export default async function routes(app: FastifyInstance) {
  app.get('/report', async (request, reply) => {
    try {
      reply.type('text/csv').send(await readFile('report.csv'));
    } catch (err) {
      reply.code(500).send({ error: String(err) });
    }
    return reply;
  });

  app.get('/report/size', async (request, reply) => {
    if (request.query) return reply.send((await readFile('report.csv')).length);
    throw new Error('no query');
  });
}
