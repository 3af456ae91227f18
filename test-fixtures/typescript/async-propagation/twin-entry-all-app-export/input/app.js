// fixture-options: entry=all api=twin express=5
// An application (package.json `"private": true`): nothing outside the
// project imports its modules. `loadSeed` is exported, but its only caller
// is a constructor, which stays sync: an async twin `loadSeedAsync` would
// be called by no one, so it gets none and keeps its sync form with a
// manual finding. `readPrices`, which the handler awaits, becomes async.
const express = require('express');
const { readPrices } = require('./prices');
const { Store } = require('./store');

const app = express();
const store = new Store();
app.get('/prices', (req, res) => {
  res.send(readPrices() + store.seed);
});

module.exports = app;
