// fixture-options: express=5
const express = require('express');
const bcrypt = require('bcryptjs');
const users = require('./users');

const app = express();

app.post('/register', express.json(), (req, res) => {
  const salt = bcrypt.genSaltSync();
  users.add(req.body.name, bcrypt.hashSync(req.body.password, salt));
  res.sendStatus(201);
});

module.exports = app;
