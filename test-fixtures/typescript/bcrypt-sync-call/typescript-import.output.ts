// fixture-options: express=5
import express from 'express';
import bcrypt from 'bcryptjs';
import { users } from './users.js';

const app = express();

app.post('/password', express.json(), async (req, res) => {
  const rounds: number = 10;
  users.set(req.body.name, await bcrypt.hash(req.body.password, rounds));
  res.sendStatus(204);
});

export default app;
