import express from 'express';
import { runInWorker } from './offload-worker.mjs';

const app = express();
app.use(express.json());

app.post('/report', async (req, res) => {
  res.json(await runInWorker(new URL('./lib/report.mjs', import.meta.url), 'buildReport', [req.body.sales]));
});

export default app;
