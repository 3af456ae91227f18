// fixture-options: express=5
const express = require('express');
const fs = require('fs');

const app = express();

app.get('/sizes', (req, res) => {
  let total = 0;
  const sizes = ['a.txt', 'b.txt'].map((file) => {
    const size = fs.statSync(file).size;
    total += size;
    return size;
  }).filter((size) => size > 0);
  res.json({ sizes, total });
});
