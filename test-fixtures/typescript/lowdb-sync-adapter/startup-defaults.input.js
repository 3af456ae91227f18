// fixture-options: express=5
const express = require('express');
const low = require('lowdb');
const FileSync = require('lowdb/adapters/FileSync');

const adapter = new FileSync('db.json');
const db = low(adapter);
db.defaults({ posts: [], visits: 0 }).write();

const app = express();

function countVisit() {
  db.update('visits', (n) => n + 1).write();
}

app.get('/posts', (req, res) => {
  countVisit();
  res.json(db.get('posts').value());
});

app.post('/posts', express.json(), (req, res) => {
  const post = db.get('posts').push(req.body).write();
  res.status(201).json(post);
});

module.exports = app;
