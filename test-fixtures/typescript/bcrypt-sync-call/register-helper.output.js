// fixture-options: express=5
const express = require('express');
const { genSalt, hash } = require('bcryptjs');
const users = require('./users');

const app = express();

async function passwordRecord(password) {
  const s = await genSalt(12);
  return { hash: await hash(password, s), createdAt: Date.now() };
}

app.post('/register', express.json(), async (req, res) => {
  users.add(req.body.name, await passwordRecord(req.body.password));
  res.sendStatus(201);
});

module.exports = app;
