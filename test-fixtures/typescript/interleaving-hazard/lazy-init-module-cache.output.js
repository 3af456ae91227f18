// fixture-options: express=5
const express = require('express');
const { readFile } = require('fs/promises');

let settings;

async function loadSettings() {
  if (!settings) {
    settings = JSON.parse(await readFile('settings.json', 'utf8'));
  }
  return settings;
}

const app = express();
app.get('/settings', async (req, res) => {
  res.json(await loadSettings());
});

module.exports = app;
