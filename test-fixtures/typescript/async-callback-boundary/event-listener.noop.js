const express = require('express');
const fs = require('fs');

const app = express();

app.post('/upload', (req, res) => {
  req.on('data', (chunk) => {
    fs.appendFileSync('upload.bin', chunk);
  });
  req.on('end', () => res.end());
});
