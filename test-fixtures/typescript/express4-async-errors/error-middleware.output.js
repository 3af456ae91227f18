const express = require('express');
const { appendFile } = require('fs/promises');

const app = express();

app.get('/boom', () => {
  throw new Error('boom');
});

// The error handler itself can fail (a full disk): its failure must reach the next error handler.
app.use(async function logErrors(err, req, res, next) {
  try {
    await appendFile('errors.log', `${err.stack}\n`);
    res.status(500).json({ error: err.message });
  } catch (_error) {
    next(_error);
  }
});

module.exports = app;
