// fixture-options: express=5
const express = require('express');
const zlib = require('zlib');

const app = express();

app.get('/export.json', (req, res) => {
  const body = zlib.gzipSync(JSON.stringify(req.app.locals.report), { level: 9 });
  res.set('Content-Encoding', 'gzip').type('json').send(body);
});

module.exports = app;
