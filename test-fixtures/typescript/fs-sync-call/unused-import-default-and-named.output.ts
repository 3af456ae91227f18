// fixture-options: express=5
// Of `import fs, { readFileSync }` the default import is still used (by a
// function no handler calls) and stays; the named one goes.
import express from 'express';
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';

const app = express();

export function hasConfig(): boolean {
  return fs.existsSync('config.json');
}

app.get('/config', async (req, res) => {
  res.type('json').send(await readFile('config.json', 'utf8'));
});

export default app;
