// fixture-options: entry=all
const express = require('express');
const { read } = require('@acme/dep-with-fs');

const app = express();

app.get('/notes/:name', (req, res) => {
  res.send(read(req.params.name));
});

module.exports = app;
