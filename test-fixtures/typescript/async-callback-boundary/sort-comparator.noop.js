const express = require('express');
const fs = require('fs');

const app = express();

function mtime(file) {
  return fs.statSync(file).mtimeMs;
}

app.get('/recent', (req, res) => {
  const files = ['a.txt', 'b.txt'].sort((a, b) => mtime(b) - mtime(a));
  res.json(files);
});
