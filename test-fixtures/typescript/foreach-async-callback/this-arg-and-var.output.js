// fixture-options: express=5
var express = require('express');
const { stat } = require('fs/promises');

var app = express();

app.get('/list', async function (req, res) {
  var out = [];
  for (const name of req.query.names.split(',')) {
    let full = 'files/' + name;
    out.push({ name: name, size: (await stat(full)).size });
  }
  res.json(out);
});

module.exports = app;
