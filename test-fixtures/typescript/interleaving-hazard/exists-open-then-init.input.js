// fixture-options: express=5
const express = require('express');
const fs = require('fs');
const path = require('path');
const Database = require('better-sqlite3');

// Opening creates the file; the tables are created only when it was new.
function openShard(file) {
  return new Database(file);
}

function shardFor(id) {
  const file = path.join('shards', `${id}.sqlite`);
  const fresh = !fs.existsSync(file);
  const db = openShard(file);
  if (fresh) {
    const ddl = fs.readFileSync(path.join(__dirname, 'schema.sql'), 'utf8');
    db.exec(ddl);
  }
  return db;
}

const app = express();
app.get('/shards/:id/rows', (req, res) => {
  res.json(shardFor(req.params.id).prepare('SELECT * FROM rows').all());
});

module.exports = app;
