// fixture-options: express=5
// `execSync` is still called by a sync function no handler reaches: it stays.
const express = require('express');
const { execSync, exec } = require('child_process');
const { promisify } = require('util');

const app = express();

function buildInfo() {
  return execSync('git describe --always').toString().trim();
}

app.get('/version', async (req, res) => {
  res.json({ sha: (await promisify(exec)('git rev-parse HEAD', { encoding: 'buffer' })).stdout.toString().trim() });
});

console.log(buildInfo());
module.exports = app;
