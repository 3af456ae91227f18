// fixture-options: express=5
const express = require('express');
const { exec } = require('child_process');
const { promisify } = require('util');

const app = express();

app.get('/version', async (req, res) => {
  const sha = (await promisify(exec)('git rev-parse --short HEAD', { encoding: 'buffer', cwd: __dirname })).stdout.toString().trim();
  res.json({ sha });
});

module.exports = app;
