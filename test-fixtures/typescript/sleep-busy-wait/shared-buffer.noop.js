// fixture-options: express=5
const express = require('express');
const { Worker } = require('worker_threads');

const app = express();
const signal = new Int32Array(new SharedArrayBuffer(4));
const worker = new Worker('./warmup.js', { workerData: signal });

app.get('/warm', (req, res) => {
  Atomics.wait(signal, 0, 0, 1000);
  res.send(worker.threadId ? 'warm' : 'cold');
});

module.exports = app;
