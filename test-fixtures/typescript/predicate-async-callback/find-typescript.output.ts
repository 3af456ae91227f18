// fixture-options: express=5
import path from 'node:path';
import express from 'express';
import { access } from 'node:fs/promises';

const roots: string[] = ['public', 'static', 'assets'];

export const app = express();
app.get('/file/:name', async (req, res) => {
  const answers = await Promise.all(roots.map(async (dir) => await access(path.join(dir, req.params.name)).then(() => true, () => false)));
  const root = roots.find((_, i) => answers[i]);
  if (root === undefined) return res.sendStatus(404);
  const answers2 = await Promise.all(roots.map(async (dir) => await access(path.join(dir, 'index.html')).then(() => true, () => false)));
  const index = answers2.findIndex(Boolean);
  res.json({ root, index });
});
