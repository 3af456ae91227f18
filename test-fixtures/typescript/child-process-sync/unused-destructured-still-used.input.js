// fixture-options: express=5
// `execSync` is still called by a sync function no handler reaches: it stays.
const express = require('express');
const { execSync } = require('child_process');

const app = express();

function buildInfo() {
  return execSync('git describe --always').toString().trim();
}

app.get('/version', (req, res) => {
  res.json({ sha: execSync('git rev-parse HEAD').toString().trim() });
});

console.log(buildInfo());
module.exports = app;
