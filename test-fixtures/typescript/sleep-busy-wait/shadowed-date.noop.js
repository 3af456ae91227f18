// fixture-options: express=5
const express = require('express');
const { FakeClock } = require('./clock');

const app = express();

app.get('/tick', (req, res) => {
  const Date = new FakeClock();
  const end = Date.now() + 10;
  while (Date.now() < end) {}
  res.send('ticked');
});

module.exports = app;
