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

// The emitter does not wait for an async listener: this write stays sync, so the handler's does too.
process.on('SIGTERM', () => {
  db.set('stoppedAt', Date.now()).write();
  process.exit(0);
});

module.exports = app;
