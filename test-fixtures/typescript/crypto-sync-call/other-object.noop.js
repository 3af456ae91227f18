// fixture-options: express=5
const express = require('express');
const crypto = require('crypto');
const hasher = require('./hasher');

const app = express();

app.post('/hash', express.json(), (req, res) => {
  res.json({ hash: hasher.scryptSync(req.body.password), algo: crypto.constants ? 'scrypt' : 'none' });
});

module.exports = app;
