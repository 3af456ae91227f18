// fixture-options: express=5
import express from 'express';
import { readFile, access } from 'node:fs/promises';

const app = express();

app.get('/motd', async (req, res) => {
  const text = (await access('motd.txt').then(() => true, () => false)) && (await readFile('motd.txt', 'utf8'));
  res.send(text || 'Welcome');
});

export default app;
