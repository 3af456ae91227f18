// fixture-options: express=5
const express = require('express');

const app = express();

app.get('/slow', (req, res) => {
  const end = Date.now() + Number(req.query.ms ?? 100);
  while (Date.now() < end) {}
  setTimeout(() => console.log('served slowly'), 0);
  res.send('done');
});

module.exports = app;
