// fixture-options: express=5
const express = require('express');
const Endpoint = require('./lib/endpoint');

const app = express();
app.post('/check', (req, res) => {
  const endpoint = new Endpoint(req.body);
  const ok = endpoint.matches(req);
  endpoint.record();
  res.json({ ok });
});
module.exports = app;
