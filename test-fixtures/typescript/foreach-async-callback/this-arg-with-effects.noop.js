// fixture-options: express=5
var express = require('express');
var fs = require('fs');

var app = express();
var counter = 0;

function context() {
  counter++;
  return { counter: counter };
}

app.get('/list', function (req, res) {
  var out = [];
  req.query.names.split(',').forEach(function (name) {
    out.push({ name: name, size: fs.statSync('files/' + name).size });
  }, context());
  res.json(out);
});

module.exports = app;
