// fixture-options: express=5
const express = require('express');
const zlib = require('zlib');

const app = express();

app.post('/pack', express.raw(), (req, res) => {
  const zlib = req.app.locals.fakeZlib;
  res.send(zlib.deflateSync(req.body));
});

module.exports = app;
