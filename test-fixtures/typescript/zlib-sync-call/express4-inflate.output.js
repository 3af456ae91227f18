const express = require('express');
const { inflate } = require('zlib');
const { promisify } = require('util');

const app = express();

app.post('/decode', express.raw(), async (req, res, next) => {
  try {
    res.send((await promisify(inflate)(req.body)).toString('utf8'));
  } catch (err) {
    next(err);
  }
});

module.exports = app;
