const express = require('express');
const cp = require('node:child_process');

const app = express();

app.post('/thumbnails/:id', (req, res) => {
  const log = cp.execFileSync('convert', [`uploads/${req.params.id}.jpg`, '-resize', '200x200', `thumbs/${req.params.id}.jpg`]);
  res.json({ log: log.toString() });
});

module.exports = app;
