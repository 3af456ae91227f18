const express = require('express');
const { Store } = require('./store');
const { Routes } = require('./routes');

// Two kinds of store reach Routes: awaitify cannot tell which one `this.store` is.
const routes = new Routes(new Store('data'));
const preview = new Routes({ load: (id) => ({ id, preview: true }) });
const app = express();
app.get('/items/:id', (req, res) => routes.show(req, res));
app.get('/preview/:id', (req, res) => preview.show(req, res));

module.exports = app;
