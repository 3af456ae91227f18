// fixture-options: express=5
const express = require('express');
const cache = require('./cache');

const app = express();

function existsSync(key) {
  return cache.has(key);
}

app.get('/cached/:key', (req, res) => {
  res.json({ cached: existsSync(req.params.key) });
});

module.exports = app;
