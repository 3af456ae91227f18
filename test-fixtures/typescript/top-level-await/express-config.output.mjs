// fixture-options: express=5 toplevel=await
import express from 'express';
import { readFile } from 'node:fs/promises';

async function loadConfig() {
  return JSON.parse(await readFile('config.json', 'utf8'));
}

const config = await loadConfig();
const app = express();
app.get('/config', async (req, res) => {
  res.json(await loadConfig());
});
