// fixture-options: express=5
const express = require('express');
const fs = require('fs');

const app = express();

app.get('/head/:name', (req, res) => {
  const fd = fs.openSync(`logs/${req.params.name}`, 'r');
  try {
    const buf = Buffer.alloc(1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    res.type('text/plain').send(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
});

module.exports = app;
