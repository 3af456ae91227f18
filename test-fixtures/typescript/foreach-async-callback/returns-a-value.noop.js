const express = require('express');
const fs = require('fs');

const app = express();

app.get('/x', (req, res) => {
  const found = [];
  ['a', 'b'].forEach((name) => {
    if (!name) return false;
    found.push(fs.readFileSync(name, 'utf8'));
  });
  res.json(found);
});
