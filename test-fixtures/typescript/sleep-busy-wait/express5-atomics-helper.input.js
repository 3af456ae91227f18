// fixture-options: express=5
const express = require('express');

const app = express();

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

app.post('/jobs', (req, res) => {
  sleep(250);
  res.status(202).json({ queued: true });
});

module.exports = app;
