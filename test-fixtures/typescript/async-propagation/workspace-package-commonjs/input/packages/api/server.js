// fixture-options: entry=all
const express = require('express');
const { readConfig } = require('@acme/lib');
const store = require('@acme/lib/store');

const app = express();

app.get('/config/:name', (req, res) => {
  res.json(readConfig(req.params.name));
});

app.get('/orders', (req, res) => {
  res.json(store.loadOrders());
});

module.exports = app;
