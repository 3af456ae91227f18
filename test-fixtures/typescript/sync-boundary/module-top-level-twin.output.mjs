// fixture-options: express=5 api=twin
import express from 'express';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

function loadConfig() {
  return JSON.parse(readFileSync('config.json', 'utf8'));
}

async function loadConfigAsync() {
  return JSON.parse(await readFile('config.json', 'utf8'));
}

const config = loadConfig();
const app = express();
app.get('/config', async (req, res) => {
  res.json(await loadConfigAsync());
});
