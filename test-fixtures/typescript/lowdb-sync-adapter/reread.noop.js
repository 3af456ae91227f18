// fixture-options: express=5
const express = require('express');
const low = require('lowdb');
const FileSync = require('lowdb/adapters/FileSync');

const adapter = new FileSync('db.json');
const db = low(adapter);
const app = express();

app.post('/posts', express.json(), (req, res) => {
  db.get('posts').push(req.body).write();
  res.sendStatus(201);
});

// Reading the file again while a write is pending would load an older state.
app.post('/reload', (req, res) => {
  db.read();
  res.sendStatus(204);
});

module.exports = app;
