// fixture-options: express=5
import express from 'express';
import { setTimeout as sleep } from 'node:timers/promises';

const app = express();

app.post('/jobs', async (req, res) => {
  await sleep(250);
  res.status(202).json({ queued: true });
});

export default app;
