// fixture-options: express=5
const express = require('express');
const queue = require('./queue');

const app = express();

app.post('/drain', (req, res) => {
  const end = Date.now() + 100;
  while (Date.now() < end) {
    if (!queue.step()) break;
  }
  res.json({ left: queue.size });
});

module.exports = app;
