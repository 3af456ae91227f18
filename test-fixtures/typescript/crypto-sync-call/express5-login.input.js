// fixture-options: express=5
const express = require('express');
const crypto = require('crypto');
const users = require('./users');

const app = express();

app.post('/login', express.json(), (req, res) => {
  const user = users.find(req.body.name);
  const hash = crypto.scryptSync(req.body.password, user.salt, 64);
  if (!crypto.timingSafeEqual(hash, user.hash)) return res.sendStatus(401);
  const token = crypto.randomBytes(32).toString('hex');
  res.json({ token });
});

module.exports = app;
