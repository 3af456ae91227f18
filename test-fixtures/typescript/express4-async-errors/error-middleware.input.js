const express = require('express');
const fs = require('fs');

const app = express();

app.get('/boom', () => {
  throw new Error('boom');
});

// The error handler itself can fail (a full disk): its failure must reach the next error handler.
app.use(function logErrors(err, req, res, next) {
  fs.appendFileSync('errors.log', `${err.stack}\n`);
  res.status(500).json({ error: err.message });
});

module.exports = app;
