// fixture-options: express=5
// `fs` is still named in a type after the rewrite: the import stays.
import express from 'express';
import * as fs from 'node:fs';
import { stat } from 'node:fs/promises';

const app = express();

function describe(stats: fs.Stats): string {
  return `${stats.size} bytes`;
}

app.get('/size', async (req, res) => {
  res.send(describe(await stat('upload.bin')));
});

export default app;
