// fixture-options: express=5
var express = require('express');
var fs = require('fs');

var app = express();

app.get('/list', function (req, res) {
  var out = [];
  req.query.names.split(',').forEach(function (name) {
    var full = 'files/' + name;
    out.push({ name: name, size: fs.statSync(full).size });
  }, this);
  res.json(out);
});

module.exports = app;
