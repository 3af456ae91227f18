// fixture-options: express=5
import express from 'express';
import { readFileSync as read, readdirSync } from 'node:fs';
import { join } from 'node:path';

const app = express();

app.get('/posts', (req, res) => {
  const posts = readdirSync('posts')
    .filter((name) => name.endsWith('.md'))
    .map((name) => ({ name, words: read(join('posts', name), 'utf8').split(/\s+/).length }));
  res.json(posts);
});

export default app;
