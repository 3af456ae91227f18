// fixture-options: express=5
const express = require('express');
const codec = require('./codec');

const app = express();

app.post('/pack', express.raw(), (req, res) => {
  res.send(codec.gzipSync(req.body));
});

module.exports = app;
