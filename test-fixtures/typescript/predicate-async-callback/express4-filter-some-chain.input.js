// fixture-options: express=4
const fs = require('fs');
const path = require('path');
const express = require('express');

const app = express();
app.get('/dirs', (req, res) => {
  const root = req.query.root;
  const entries = fs.readdirSync(root);
  const dirs = entries.filter((e) => fs.lstatSync(path.join(root, e)).isDirectory());
  if (entries.some((e) => fs.existsSync(path.join(root, e, 'index.html')))) {
    res.set('x-has-index', '1');
  }
  res.json(dirs);
});

app.get('/special', (req, res) => {
  res.json(fs.readdirSync(req.query.root)
    .filter((file) => fs.lstatSync(path.join(req.query.root, file)).isDirectory())
    .filter((name) => name.startsWith('__')));
});

module.exports = app;
