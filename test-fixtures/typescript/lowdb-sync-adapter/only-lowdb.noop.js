// fixture-options: express=5
const express = require('express');
const low = require('lowdb');
const FileSync = require('lowdb/adapters/FileSync');

const db = low(new FileSync('db.json'));
const app = express();

app.post('/posts', express.json(), (req, res) => {
  db.read();
  db.get('posts').push(req.body).write();
  res.sendStatus(201);
});

module.exports = app;
