// fixture-options: express=5
import express from 'express';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const app = express();

app.get('/motd', async (req, res) => {
  const text = existsSync('motd.txt') && (await readFile('motd.txt', 'utf8'));
  res.send(text || 'Welcome');
});

export default app;
