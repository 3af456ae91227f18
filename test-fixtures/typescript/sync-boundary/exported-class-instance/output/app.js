// fixture-options: express=5
const express = require('express');
const Endpoint = require('./lib/endpoint');

const app = express();
app.post('/check', async (req, res) => {
  const endpoint = new Endpoint(req.body);
  const ok = await endpoint.matches(req);
  endpoint.record();
  res.json({ ok });
});
module.exports = app;
