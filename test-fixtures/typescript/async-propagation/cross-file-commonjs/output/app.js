// fixture-options: express=5
const express = require('express');
const { findUser } = require('./lib/users');

const app = express();

app.get('/users/:id', async (req, res) => {
  const user = await findUser(req.params.id);
  if (!user) {
    res.status(404).end();
    return;
  }
  res.json(user);
});

module.exports = app;
