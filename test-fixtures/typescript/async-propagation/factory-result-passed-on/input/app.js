// fixture-options: express=5
var express = require('express');
var makeController = require('./controller');
var audit = require('./audit');

var app = express();
var items = makeController({ dir: 'items' });

app.get('/items/:id', items.get);
app.post('/items', items.post);
audit.wrapAll(items);

module.exports = app;
