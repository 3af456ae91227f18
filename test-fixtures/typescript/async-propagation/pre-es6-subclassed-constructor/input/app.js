// fixture-options: express=5
var express = require('express');
var util = require('util');
var Store = require('./store');

function MemoryStore(dir) {
  Store.call(this, dir);
  this.items = {};
}
util.inherits(MemoryStore, Store);

MemoryStore.prototype.load = function (id) {
  return this.items[id];
};

var app = express();
var store = new MemoryStore('data');

app.get('/items/:id', function (req, res) {
  res.json(store.get(req.params.id));
});

module.exports = app;
