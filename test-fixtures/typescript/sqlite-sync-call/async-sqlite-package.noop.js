// fixture-options: express=5
const { open } = require('sqlite');
const sqlite3 = require('sqlite3');
const express = require('express');

// The `sqlite` package wraps sqlite3 in promises: already async.
const dbPromise = open({ filename: 'app.db', driver: sqlite3.Database });

const app = express();
app.get('/users', async (req, res) => {
  const db = await dbPromise;
  res.json(await db.all('SELECT id FROM users'));
});

module.exports = app;
