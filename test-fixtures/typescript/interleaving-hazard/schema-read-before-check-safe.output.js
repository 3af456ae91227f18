// fixture-options: express=5 safety=safe
const express = require('express');
const fs = require('fs');
const path = require('path');
const Database = require('better-sqlite3');
const { readFile } = require('fs/promises');

function openShard(file) {
  return new Database(file);
}

// The schema is read before the check: nothing is awaited between the open and the tables.
async function shardFor(id) {
  const ddl = await readFile(path.join(__dirname, 'schema.sql'), 'utf8');
  const file = path.join('shards', `${id}.sqlite`);
  const fresh = !fs.existsSync(file);
  const db = openShard(file);
  if (fresh) {
    db.exec(ddl);
  }
  return db;
}

const app = express();
app.get('/shards/:id/rows', async (req, res) => {
  res.json((await shardFor(req.params.id)).prepare('SELECT * FROM rows').all());
});

module.exports = app;
