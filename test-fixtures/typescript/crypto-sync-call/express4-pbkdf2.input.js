const express = require('express');
const { pbkdf2Sync } = require('node:crypto');

const app = express();

app.post('/derive', express.json(), (req, res) => {
  const key = pbkdf2Sync(req.body.secret, 'awaitify-salt', 100000, 32, 'sha256');
  res.json({ key: key.toString('base64') });
});

module.exports = app;
