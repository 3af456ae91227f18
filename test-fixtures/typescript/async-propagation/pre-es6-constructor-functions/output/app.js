// fixture-options: express=5
var express = require('express');
var Store = require('./store');
var Cache = require('./cache');

var app = express();
var store = new Store('data');
var cache = new Cache('cache');

app.get('/items/:id', async function (req, res) {
  res.json(await store.load(req.params.id));
});

app.get('/cached/:key', async function (req, res) {
  res.send(await cache.lookup(req.params.key));
});

module.exports = app;
