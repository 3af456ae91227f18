// fixture-options: express=5
const express = require('express');
const path = require('path');
const { readFile, mkdir, writeFile } = require('fs/promises');

const app = express();
const dataDir = path.join(__dirname, 'data');

app.get('/settings', async (req, res) => {
  const raw = await readFile(path.join(dataDir, 'settings.json'), 'utf8');
  res.json(JSON.parse(raw));
});

app.post('/settings', express.json(), async (req, res) => {
  await mkdir(dataDir, { recursive: true });
  await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify(req.body, null, 2));
  res.sendStatus(204);
});

module.exports = app;
