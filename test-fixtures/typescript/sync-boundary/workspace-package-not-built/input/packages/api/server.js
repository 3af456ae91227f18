// fixture-options: entry=all
const express = require('express');
const { readConfig } = require('@acme/lib');

const app = express();

app.get('/config/:name', (req, res) => {
  res.json(readConfig(req.params.name));
});

module.exports = app;
