import express from 'express';
import { buildReport } from './lib/report.mjs';

const app = express();
app.use(express.json());

app.post('/report', (req, res) => {
  res.json(buildReport(req.body.sales));
});

export default app;
