// fixture-options: express=5 api=twin
import express from 'express';
import { readFileSync } from 'node:fs';

function loadConfig() {
  return JSON.parse(readFileSync('config.json', 'utf8'));
}

const config = loadConfig();
const app = express();
app.get('/config', (req, res) => {
  res.json(loadConfig());
});
