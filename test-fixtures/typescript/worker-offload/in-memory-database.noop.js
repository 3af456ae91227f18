// fixture-options: express=5
const Database = require('better-sqlite3');
const express = require('express');

// A worker's connection to ':memory:' would open another, empty database.
const db = new Database(':memory:');
db.exec('CREATE TABLE IF NOT EXISTS hits (path TEXT)');

function countHits() {
  return db.prepare('SELECT count(*) AS n FROM hits').get().n;
}

const app = express();
app.get('/hits', (req, res) => {
  res.json({ n: countHits() });
});

module.exports = { app, countHits };
