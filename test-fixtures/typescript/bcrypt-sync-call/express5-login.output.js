// fixture-options: express=5
const express = require('express');
const bcrypt = require('bcrypt');
const users = require('./users');

const app = express();

app.post('/login', express.json(), async (req, res) => {
  const user = users.find(req.body.name);
  if (!user || !(await bcrypt.compare(req.body.password, user.hash))) return res.sendStatus(401);
  res.sendStatus(204);
});

module.exports = app;
