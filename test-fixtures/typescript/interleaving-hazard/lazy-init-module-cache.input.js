// fixture-options: express=5
const express = require('express');
const fs = require('fs');

let settings;

function loadSettings() {
  if (!settings) {
    settings = JSON.parse(fs.readFileSync('settings.json', 'utf8'));
  }
  return settings;
}

const app = express();
app.get('/settings', (req, res) => {
  res.json(loadSettings());
});

module.exports = app;
