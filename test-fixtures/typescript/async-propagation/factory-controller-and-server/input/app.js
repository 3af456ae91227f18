// fixture-options: express=5
var express = require('express');
var http = require('http');
var fs = require('fs');
var makeController = require('./controller');

var app = express();
var items = makeController({ dir: 'items' });

app.get('/items/:id', items.get);
app.post('/items', items.post);

function makeServer() {
  return http.createServer();
}

var server = makeServer();
server.on('request', function (req, res) {
  res.end(fs.readFileSync('static/index.html'));
});

module.exports = { app: app, server: server };
