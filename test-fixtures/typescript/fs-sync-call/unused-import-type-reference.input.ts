// fixture-options: express=5
// `fs` is still named in a type after the rewrite: the import stays.
import express from 'express';
import * as fs from 'node:fs';

const app = express();

function describe(stats: fs.Stats): string {
  return `${stats.size} bytes`;
}

app.get('/size', (req, res) => {
  res.send(describe(fs.statSync('upload.bin')));
});

export default app;
