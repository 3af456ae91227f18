// fixture-options: paths=src api=twin
// Run on src/ only, with --api twin: the test outside the paths keeps calling
// the sync loadUser, and the handler calls the async twin added beside it.
const express = require('express');
const { loadOrder, loadUserAsync } = require('./users');

const app = express();
app.get('/users/:id', async (req, res) => {
  res.json(await loadUserAsync(req.params.id));
});
app.get('/orders/:id', async (req, res) => {
  res.json(await loadOrder(req.params.id));
});

module.exports = app;
