// fixture-options: express=5
import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';

const roots: string[] = ['public', 'static', 'assets'];

export const app = express();
app.get('/file/:name', (req, res) => {
  const root = roots.find((dir) => existsSync(path.join(dir, req.params.name)));
  if (root === undefined) return res.sendStatus(404);
  const index = roots.findIndex((dir) => existsSync(path.join(dir, 'index.html')));
  res.json({ root, index });
});
