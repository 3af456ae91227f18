// fixture-options: express=5
const Database = require('better-sqlite3');
const express = require('express');

const db = new Database('app.db');

function findNote(id) {
  return db.prepare('SELECT id, body FROM notes WHERE id = ?').get(id);
}

const app = express();
app.get('/notes/:id', (req, res) => {
  res.json(findNote(req.params.id));
});

// Loading this module in a worker would start a second server.
app.listen(3000);

module.exports = { findNote };
