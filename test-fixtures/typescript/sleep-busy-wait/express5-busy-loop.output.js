// fixture-options: express=5
const express = require('express');
const { setTimeout: sleep } = require('timers/promises');

const app = express();

app.get('/slow', async (req, res) => {
  await sleep(Number(req.query.ms ?? 100));
  setTimeout(() => console.log('served slowly'), 0);
  res.send('done');
});

module.exports = app;
