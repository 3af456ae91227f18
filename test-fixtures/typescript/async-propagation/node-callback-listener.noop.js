// fixture-options: express=5
var express = require('express');
var fs = require('fs');

var app = express();
var config = {};

fs.watch('config.json', function () {
  config = JSON.parse(fs.readFileSync('config.json', 'utf8'));
});

app.get('/config', function (req, res) {
  res.json(config);
});

module.exports = app;
