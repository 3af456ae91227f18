const express = require('express');
const { setTimeout } = require('timers/promises');

const app = express();

app.post('/retry', async (req, res, next) => {
  try {
    const attempt = Number(req.query.attempt ?? 0);
    await setTimeout(2 ** attempt * 100);
    res.json({ attempt: attempt + 1 });
  } catch (err) {
    next(err);
  }
});

module.exports = app;
