// fixture-options: paths=src api=twin
// Run on src/ only, with --api twin: the test outside the paths keeps calling
// the sync loadUser, and the handler calls the async twin added beside it.
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
