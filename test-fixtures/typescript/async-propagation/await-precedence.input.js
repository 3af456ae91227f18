// fixture-options: express=5
const express = require('express');
const fs = require('fs');

const app = express();

function stats(file) {
  return fs.statSync(file);
}

function touch(file) {
  fs.writeFileSync(file, '');
}

app.get('/info', (req, res) => {
  touch('seen.txt');
  const size = stats('a.txt').size;
  const missing = !stats('b.txt');
  const total = stats('a.txt').size + stats('b.txt').size;
  res.json({ size, missing, total, mode: stats('a.txt')?.mode });
});
