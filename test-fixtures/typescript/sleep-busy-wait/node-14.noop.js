// fixture-options: node=14.18
const express = require('express');
// timers/promises is stable from Node 16: below it the busy-wait stays, with the reason.

const app = express();

app.get('/throttle', (req, res) => {
  const started = Date.now();
  while (Date.now() - started < 50);
  res.send('ok');
});

module.exports = app;
