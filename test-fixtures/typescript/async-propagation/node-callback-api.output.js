// fixture-options: express=5
var express = require('express');
var fs = require('fs');
var zlib = require('zlib');
var stat = require('fs').stat;
const { promisify } = require('util');
const { readFile } = require('fs/promises');

var app = express();

app.get('/files/:name', function (req, res, next) {
  fs.readFile('files/' + req.params.name, async function (err, data) {
    if (err) return next(err);
    res.set('Content-Encoding', 'gzip').send(await promisify(zlib.gzip)(data));
  });
});

app.get('/size/:name', function (req, res, next) {
  stat('files/' + req.params.name, async function (err, info) {
    if (err) return next(err);
    res.json({ size: info.size, lines: (await readFile('files/' + req.params.name, 'utf8')).split('\n').length });
  });
});

module.exports = app;
