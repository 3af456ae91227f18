// fixture-options: express=5
const express = require('express');
const fs = require('fs');

function loadConfig() {
  return JSON.parse(fs.readFileSync('config.json', 'utf8'));
}

// CommonJS has no top-level await: loadConfig stays sync, with a finding.
const config = loadConfig();
const app = express();
app.get('/config', (req, res) => {
  res.json(loadConfig());
});
