// fixture-options: express=5
const express = require('express');
const fs = require('fs');

const app = express();

app.get('/a', (req, res) => {
  res.send(fs.readFileSync('a.txt', 'utf8'));
});
