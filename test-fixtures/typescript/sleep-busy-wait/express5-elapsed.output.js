// fixture-options: express=5
const express = require('express');
const { setTimeout } = require('timers/promises');

const app = express();

app.get('/throttle', async (req, res) => {
  await setTimeout(50);
  res.send('ok');
});

module.exports = app;
