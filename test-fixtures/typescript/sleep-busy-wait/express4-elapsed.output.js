const express = require('express');
const { setTimeout } = require('timers/promises');

const app = express();

app.get('/throttle', async (req, res, next) => {
  try {
    await setTimeout(50);
    res.send('ok');
  } catch (err) {
    next(err);
  }
});

module.exports = app;
