// fixture-options: express=5
const express = require('express');
const crypto = require('crypto');
const users = require('./users');
const { promisify } = require('util');

const app = express();

app.post('/login', express.json(), async (req, res) => {
  const user = users.find(req.body.name);
  const hash = await promisify(crypto.scrypt)(req.body.password, user.salt, 64);
  if (!crypto.timingSafeEqual(hash, user.hash)) return res.sendStatus(401);
  const token = (await promisify(crypto.randomBytes)(32)).toString('hex');
  res.json({ token });
});

module.exports = app;
