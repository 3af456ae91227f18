// fixture-options: express=5
import express from 'express';
import { appendFile } from 'node:fs/promises';

async function audit(entry: string): Promise<void> {
  await appendFile('audit.log', `${entry}\n`);
}

const app = express();
app.post('/orders', async (req, res) => {
  await audit(`order ${req.body.id}`);
  res.sendStatus(201);
});

export default app;
