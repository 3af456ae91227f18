// fixture-options: express=5
const express = require('express');
const vault = require('./vault');

const app = express();
const store = { readFileSync: (key) => vault.get(key) };

app.get('/secret/:key', (req, res) => {
  res.send(store.readFileSync(req.params.key));
});

module.exports = app;
