// fixture-options: express=5
const express = require('express');
const low = require('lowdb');
const FileSync = require('lowdb/adapters/FileSync');
const { readFile } = require('fs/promises');

const adapter = new FileSync('db.json');
const db = low(adapter);
const app = express();

app.post('/posts', express.json(), async (req, res) => {
  const page = await readFile('views/created.html', 'utf8');
  db.get('posts').push(req.body).write();
  res.status(201).send(page);
});

module.exports = app;
