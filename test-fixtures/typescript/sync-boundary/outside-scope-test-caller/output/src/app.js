// fixture-options: paths=src
// Run on src/ only: test/ is outside the paths but is still analysed. Its
// test calls loadUser() synchronously, so loadUser keeps its sync form and
// the finding names the test; loadOrder has no caller outside src/.
const express = require('express');
const { loadUser, loadOrder } = require('./users');

const app = express();
app.get('/users/:id', (req, res) => {
  res.json(loadUser(req.params.id));
});
app.get('/orders/:id', async (req, res) => {
  res.json(await loadOrder(req.params.id));
});

module.exports = app;
