// fixture-options: express=5
const express = require('express');
const low = require('lowdb');
const FileSync = require('lowdb/adapters/FileSync');
const FileAsync = require('lowdb/adapters/FileAsync');

const adapter = new FileSync('db.json');
const db = low(adapter);
db.defaults({ posts: [], visits: 0 }).write();
// From here on lowdb writes through FileAsync's writer (one write at a time, the latest state last); start-up code above keeps FileSync.
const adapterWriter = new FileAsync('db.json');
adapter.write = (state) => adapterWriter.write(state);

const app = express();

async function countVisit() {
  await db.update('visits', (n) => n + 1).write();
}

app.get('/posts', async (req, res) => {
  await countVisit();
  res.json(db.get('posts').value());
});

app.post('/posts', express.json(), async (req, res) => {
  const post = await db.get('posts').push(req.body).write();
  res.status(201).json(post);
});

module.exports = app;
