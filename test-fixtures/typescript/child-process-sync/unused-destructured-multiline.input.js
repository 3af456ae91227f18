// fixture-options: express=5
// Both sync functions lose their last call: their lines go, the async
// function the rewrite needs stays in the same destructuring.
const express = require('express');
const {
  execFileSync, // for git
  execSync,
  spawn,
} = require('child_process');

const app = express();

app.get('/version', (req, res) => {
  const sha = execFileSync('git', ['rev-parse', 'HEAD']).toString().trim();
  const node = execSync('node --version').toString().trim();
  res.json({ sha, node, spawn: typeof spawn });
});

module.exports = app;
