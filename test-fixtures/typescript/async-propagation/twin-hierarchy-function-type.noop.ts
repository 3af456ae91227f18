// fixture-options: api=twin express=5
import express from 'express';
import { readFileSync } from 'node:fs';

type Loader = (key: string) => string;

// A twin typed `Loader` could not return a promise: it stays sync.
const load: Loader = (key) => readFileSync(key, 'utf8');

export const banner = load('banner.txt');

const app = express();
app.get('/:key', (req, res) => {
  res.send(load(req.params.key));
});
