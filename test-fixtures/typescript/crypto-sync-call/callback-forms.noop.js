// fixture-options: express=5
const express = require('express');
const crypto = require('crypto');

const app = express();

function onBytes(res) {
  return (err, buf) => res.send(buf.toString('hex'));
}

app.get('/nonce', (req, res) => {
  crypto.randomBytes(16, onBytes(res));
});

app.get('/dice', (req, res) => {
  crypto.randomInt(1, 7, (err, n) => res.json({ n }));
});

module.exports = app;
