// fixture-options: express=5
const express = require('express');
const zlib = require('zlib');
const { promisify } = require('util');

const app = express();

app.get('/export.json', async (req, res) => {
  const body = await promisify(zlib.gzip)(JSON.stringify(req.app.locals.report), { level: 9 });
  res.set('Content-Encoding', 'gzip').type('json').send(body);
});

module.exports = app;
