const express = require('express');

const app = express();

app.get('/throttle', (req, res) => {
  const started = Date.now();
  while (Date.now() - started < 50);
  res.send('ok');
});

module.exports = app;
