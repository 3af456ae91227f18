const express = require('express');
const { inflateSync } = require('zlib');

const app = express();

app.post('/decode', express.raw(), (req, res) => {
  res.send(inflateSync(req.body).toString('utf8'));
});

module.exports = app;
