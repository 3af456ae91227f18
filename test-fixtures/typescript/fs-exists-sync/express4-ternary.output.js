const express = require('express');
const { access } = require('fs/promises');

const app = express();

app.get('/health', async (req, res, next) => {
  try {
    const ready = (await access('/tmp/ready').then(() => true, () => false)) ? 'ready' : 'starting';
    res.json({ status: ready });
  } catch (err) {
    next(err);
  }
});

module.exports = app;
