// fixture-options: express=5
const express = require('express');
const crypto = require('crypto');

const app = express();

app.post('/etag', express.text(), (req, res) => {
  const etag = crypto.createHash('sha1').update(req.body).digest('hex');
  res.set('ETag', etag).send(crypto.randomUUID());
});

module.exports = app;
