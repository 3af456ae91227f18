// fixture-options: express=5
const express = require('express');
const { execSync } = require('child_process');

const app = express();

app.get('/version', (req, res) => {
  const sha = execSync('git rev-parse --short HEAD', { cwd: __dirname }).toString().trim();
  res.json({ sha });
});

module.exports = app;
