// fixture-options: express=5
const express = require('express');
const { execSync } = require('child_process');

const app = express();

function runWith(execSync, cmd) {
  return execSync(cmd);
}

app.get('/echo', (req, res) => {
  res.send(runWith((cmd) => `would run ${cmd}`, req.query.cmd));
});

module.exports = { app, execSync };
