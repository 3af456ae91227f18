// fixture-options: express=5 safety=safe
const express = require('express');
const fs = require('fs');

const app = express();
app.get('/present', (req, res) => {
  const names = ['a.txt', 'b.txt'];
  const present = names.filter((name) => fs.existsSync(`files/${name}`));
  res.json(present);
});

module.exports = app;
