// fixture-options: express=5
import express from 'express';
import { savePassword } from './password.js';

const app = express();
app.use(express.json());

app.post('/password', async (req, res) => {
  const { error } = await savePassword(req.body.password);
  if (error) {
    res.status(400).send({ error });
    return;
  }
  res.send({ status: 'ok' });
});

app.listen(3000);
