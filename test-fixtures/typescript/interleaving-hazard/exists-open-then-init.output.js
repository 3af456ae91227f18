// fixture-options: express=5
const express = require('express');
const path = require('path');
const Database = require('better-sqlite3');
const { access, readFile } = require('fs/promises');

// Opening creates the file; the tables are created only when it was new.
function openShard(file) {
  return new Database(file);
}

async function shardFor(id) {
  const file = path.join('shards', `${id}.sqlite`);
  const fresh = !(await access(file).then(() => true, () => false));
  const db = openShard(file);
  if (fresh) {
    const ddl = await readFile(path.join(__dirname, 'schema.sql'), 'utf8');
    db.exec(ddl);
  }
  return db;
}

const app = express();
app.get('/shards/:id/rows', async (req, res) => {
  res.json((await shardFor(req.params.id)).prepare('SELECT * FROM rows').all());
});

module.exports = app;
