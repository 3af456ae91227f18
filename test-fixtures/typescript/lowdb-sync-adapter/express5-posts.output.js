// fixture-options: express=5
const express = require('express');
const low = require('lowdb');
const FileSync = require('lowdb/adapters/FileSync');
const { readFile } = require('fs/promises');
const FileAsync = require('lowdb/adapters/FileAsync');

const adapter = new FileSync('db.json');
// From here on lowdb writes through FileAsync's writer (one write at a time, the latest state last); start-up code above keeps FileSync.
const adapterWriter = new FileAsync('db.json');
adapter.write = (state) => adapterWriter.write(state);
const db = low(adapter);
const app = express();

app.post('/posts', express.json(), async (req, res) => {
  const page = await readFile('views/created.html', 'utf8');
  await db.get('posts').push(req.body).write();
  res.status(201).send(page);
});

module.exports = app;
