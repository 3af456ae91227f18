// fixture-options: express=5 safety=safe
const express = require('express');
const { readFile } = require('fs/promises');

let settings;

async function reloadSettings() {
  const text = await readFile('settings.json', 'utf8');
  settings = JSON.parse(text);
  return settings;
}

const app = express();
app.post('/settings/reload', async (req, res) => {
  res.json(await reloadSettings());
});

module.exports = app;
