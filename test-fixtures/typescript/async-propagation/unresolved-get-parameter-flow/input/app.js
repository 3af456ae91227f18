// fixture-options: express=5
const express = require('express');
const Store = require('./store');

const app = express();
const store = new Store('data');
const defaults = new Map([['theme', 'light']]);

function setting(settings, key) {
  return settings.get(key);
}

app.get('/items/:id', (req, res) => {
  res.json(store.get(req.params.id));
});

app.get('/settings/:key', (req, res) => {
  res.send(setting(defaults, req.params.key) || setting(new Map(), 'fallback'));
});

module.exports = app;
