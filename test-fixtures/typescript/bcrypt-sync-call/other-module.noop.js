// fixture-options: express=5
const express = require('express');
const bcrypt = require('./lib/fake-bcrypt');

const app = express();

app.post('/check', express.json(), (req, res) => {
  res.json({ ok: bcrypt.compareSync(req.body.password, req.body.hash) });
});

module.exports = app;
