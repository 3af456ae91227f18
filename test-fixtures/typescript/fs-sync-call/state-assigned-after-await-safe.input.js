// fixture-options: express=5 safety=safe
const express = require('express');
const fs = require('fs');

let settings;

function reloadSettings() {
  const text = fs.readFileSync('settings.json', 'utf8');
  settings = JSON.parse(text);
  return settings;
}

const app = express();
app.post('/settings/reload', (req, res) => {
  res.json(reloadSettings());
});

module.exports = app;
