const express = require('express');
const cp = require('node:child_process');
const { promisify } = require('node:util');

const app = express();

app.post('/thumbnails/:id', async (req, res, next) => {
  try {
    const log = (await promisify(cp.execFile)('convert', [`uploads/${req.params.id}.jpg`, '-resize', '200x200', `thumbs/${req.params.id}.jpg`], { encoding: 'buffer' })).stdout;
    res.json({ log: log.toString() });
  } catch (err) {
    next(err);
  }
});

module.exports = app;
