// fixture-options: express=5
import express from 'express';
import { setTimeout } from 'timers/promises';

const app = express();

app.get('/wait-until', async (req, res) => {
  const deadline: number = Number(req.query.at);
  await setTimeout(Math.max(0, deadline - Date.now()));
  res.json({ late: Date.now() - deadline });
});

export default app;
