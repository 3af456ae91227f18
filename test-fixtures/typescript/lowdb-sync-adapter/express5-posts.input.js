// fixture-options: express=5
const express = require('express');
const fs = require('fs');
const low = require('lowdb');
const FileSync = require('lowdb/adapters/FileSync');

const adapter = new FileSync('db.json');
const db = low(adapter);
const app = express();

app.post('/posts', express.json(), (req, res) => {
  const page = fs.readFileSync('views/created.html', 'utf8');
  db.get('posts').push(req.body).write();
  res.status(201).send(page);
});

module.exports = app;
