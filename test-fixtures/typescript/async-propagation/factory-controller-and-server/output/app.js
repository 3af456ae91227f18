// fixture-options: express=5
var express = require('express');
var http = require('http');
var makeController = require('./controller');
const { readFile } = require('fs/promises');

var app = express();
var items = makeController({ dir: 'items' });

app.get('/items/:id', items.get);
app.post('/items', items.post);

function makeServer() {
  return http.createServer();
}

var server = makeServer();
server.on('request', async function (req, res) {
  res.end(await readFile('static/index.html'));
});

module.exports = { app: app, server: server };
