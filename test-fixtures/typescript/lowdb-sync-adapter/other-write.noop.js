// fixture-options: express=5
const express = require('express');
const FileSync = require('lowdb/adapters/FileSync');
const store = require('./store');

const app = express();
const adapter = new FileSync('db.json');

app.post('/posts', express.json(), (req, res) => {
  store.get('posts').push(req.body).write();
  res.json({ source: adapter.source });
});

module.exports = app;
