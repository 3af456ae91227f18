// fixture-options: express=5
// `readFileSync` loses its last use and goes; `statSync` is still called by
// sync startup code and stays.
import express from 'express';
import { readFileSync, statSync } from 'node:fs';

const app = express();

function configExists() {
  return statSync('config.json', { throwIfNoEntry: false }) !== undefined;
}

app.get('/config', (req, res) => {
  res.json(JSON.parse(readFileSync('config.json', 'utf8')));
});

if (!configExists()) console.warn('config.json is missing');

export default app;
