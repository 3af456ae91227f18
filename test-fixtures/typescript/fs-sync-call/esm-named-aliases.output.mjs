// fixture-options: express=5
import express from 'express';
import { join } from 'node:path';
import { readdir, readFile } from 'node:fs/promises';

const app = express();

app.get('/posts', async (req, res) => {
  const posts = await Promise.all((await readdir('posts'))
    .filter((name) => name.endsWith('.md'))
    .map(async (name) => ({ name, words: (await readFile(join('posts', name), 'utf8')).split(/\s+/).length })));
  res.json(posts);
});

export default app;
