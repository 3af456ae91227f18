import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';

export default async function routes(app: FastifyInstance) {
  app.get('/report', (request, reply) => {
    try {
      reply.type('text/csv').send(readFileSync('report.csv'));
    } catch (err) {
      reply.code(500).send({ error: String(err) });
    }
  });

  app.get('/report/size', (request, reply) => {
    if (request.query) return reply.send(readFileSync('report.csv').length);
    throw new Error('no query');
  });
}
