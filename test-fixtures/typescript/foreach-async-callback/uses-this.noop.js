const express = require('express');
const fs = require('fs');

const app = express();

app.get('/x', (req, res) => {
  const acc = { items: [] };
  ['a', 'b'].forEach(function (name) {
    this.items.push(fs.readFileSync(name, 'utf8'));
  }, acc);
  res.json(acc.items);
});
