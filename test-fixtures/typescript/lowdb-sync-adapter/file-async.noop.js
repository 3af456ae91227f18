// fixture-options: express=5
const express = require('express');
const low = require('lowdb');
const FileAsync = require('lowdb/adapters/FileAsync');

const app = express();

low(new FileAsync('db.json')).then((db) => {
  app.post('/posts', express.json(), async (req, res) => {
    await db.get('posts').push(req.body).write();
    res.sendStatus(201);
  });
});

module.exports = app;
