// fixture-options: express=5
const express = require('express');
const shell = require('./shell');
const { execSync } = require('./remote');

const app = express();

app.get('/uptime', (req, res) => {
  res.send(shell.execSync('uptime') + execSync('hostname'));
});

module.exports = app;
