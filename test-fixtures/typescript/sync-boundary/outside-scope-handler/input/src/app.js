const express = require('express');
const { loadUser, loadOrder } = require('./users');

const app = express();
app.get('/users/:id', (req, res) => {
  res.json(loadUser(req.params.id));
});
app.get('/orders/:id', (req, res) => {
  res.json(loadOrder(req.params.id));
});

module.exports = app;
