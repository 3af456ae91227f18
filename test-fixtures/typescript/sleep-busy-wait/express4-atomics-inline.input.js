const express = require('express');

const app = express();

app.post('/retry', (req, res) => {
  const attempt = Number(req.query.attempt ?? 0);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2 ** attempt * 100);
  res.json({ attempt: attempt + 1 });
});

module.exports = app;
