// fixture-options: express=5
const express = require('express');
const { access } = require('fs/promises');

const app = express();

app.get('/ready', async (req, res) => {
  const ready = await access('/tmp/ready').then(() => true, () => false);
  res.json({ ready });
});

module.exports = app;
