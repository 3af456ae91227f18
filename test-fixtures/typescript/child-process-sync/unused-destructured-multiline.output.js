// fixture-options: express=5
// Both sync functions lose their last call: their lines go, the async
// function the rewrite needs stays in the same destructuring.
const express = require('express');
const {
  spawn,
  execFile,
  exec,
} = require('child_process');
const { promisify } = require('util');

const app = express();

app.get('/version', async (req, res) => {
  const sha = (await promisify(execFile)('git', ['rev-parse', 'HEAD'], { encoding: 'buffer' })).stdout.toString().trim();
  const node = (await promisify(exec)('node --version', { encoding: 'buffer' })).stdout.toString().trim();
  res.json({ sha, node, spawn: typeof spawn });
});

module.exports = app;
