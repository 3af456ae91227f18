// fixture-options: express=5
import express from 'express';

const app = express();

app.get('/wait-until', (req, res) => {
  const deadline: number = Number(req.query.at);
  do {} while (Date.now() < deadline);
  res.json({ late: Date.now() - deadline });
});

export default app;
