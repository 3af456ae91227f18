const express = require('express');
const { loadTemplate, countLines } = require('./lib/templates');

const app = express();

app.get('/page/:name', (req, res) => {
  const html = loadTemplate(req.params.name);
  res.send(html);
});

app.get('/lines/:name', (req, res) => {
  res.json({ lines: countLines(req.params.name) });
});

module.exports = app;
