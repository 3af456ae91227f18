// fixture-options: entry=all
const express = require('express');
const { read } = require('@acme/dep-with-fs');

const app = express();

app.get('/notes/:name', async (req, res, next) => {
  try {
    res.send(await read(req.params.name));
  } catch (err) {
    next(err);
  }
});

module.exports = app;
