// fixture-options: express=5
const express = require('express');
const { stat } = require('fs/promises');

const app = express();

app.get('/sizes', async (req, res) => {
  let total = 0;
  const sizes = (await Promise.all(['a.txt', 'b.txt'].map(async (file) => {
    const size = (await stat(file)).size;
    total += size;
    return size;
  }))).filter((size) => size > 0);
  res.json({ sizes, total });
});
