// fixture-options: express=5
const express = require('express');
const zlib = require('zlib');

const app = express();

app.get('/export.json', (req, res, next) => {
  zlib.gzip(JSON.stringify(req.app.locals.report), (err, body) => {
    if (err) return next(err);
    res.set('Content-Encoding', 'gzip').send(body);
  });
});

module.exports = app;
