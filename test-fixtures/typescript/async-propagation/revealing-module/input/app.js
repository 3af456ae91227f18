// fixture-options: express=5
var express = require('express');
var reports = require('./reports');
var templates = require('./templates');

var app = express();

app.get('/report', function (req, res) {
  res.send(templates.wrap(reports.render(req.query.name)));
});

module.exports = app;
