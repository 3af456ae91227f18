// fixture-options: entry=all
const express = require('express');
const { readConfig } = require('@acme/lib');
const store = require('@acme/lib/store');

const app = express();

app.get('/config/:name', async (req, res, next) => {
  try {
    res.json(await readConfig(req.params.name));
  } catch (err) {
    next(err);
  }
});

app.get('/orders', async (req, res, next) => {
  try {
    res.json(await store.loadOrders());
  } catch (err) {
    next(err);
  }
});

module.exports = app;
