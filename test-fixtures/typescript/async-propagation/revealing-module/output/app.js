// fixture-options: express=5
var express = require('express');
var reports = require('./reports');
var templates = require('./templates');

var app = express();

app.get('/report', async function (req, res) {
  res.send(templates.wrap(await reports.render(req.query.name)));
});

module.exports = app;
