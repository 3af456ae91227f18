// fixture-options: express=5
const express = require('express');
const { execSync, spawnSync } = require('child_process');

const app = express();

app.post('/deploy', (req, res) => {
  execSync('npm run build', { stdio: 'inherit' });
  const check = spawnSync('npm', ['test']);
  res.json({ ok: check.status === 0 });
});

module.exports = app;
