// fixture-options: express=5
const express = require('express');
const { hashSync, genSaltSync: salt } = require('bcryptjs');
const users = require('./users');

const app = express();

function passwordRecord(password) {
  const s = salt(12);
  return { hash: hashSync(password, s), createdAt: Date.now() };
}

app.post('/register', express.json(), (req, res) => {
  users.add(req.body.name, passwordRecord(req.body.password));
  res.sendStatus(201);
});

module.exports = app;
