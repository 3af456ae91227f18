// fixture-options: express=5
// Of `import fs, { readFileSync }` the default import is still used (by a
// function no handler calls) and stays; the named one goes.
import express from 'express';
import fs, { readFileSync } from 'node:fs';

const app = express();

export function hasConfig(): boolean {
  return fs.existsSync('config.json');
}

app.get('/config', (req, res) => {
  res.type('json').send(readFileSync('config.json', 'utf8'));
});

export default app;
