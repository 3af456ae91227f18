// fixture-options: express=5
const express = require('express');
const Database = require('better-sqlite3');
const { access } = require('fs/promises');

// Opening the database creates its file: the exists check and the open must not be split.
function openGroupDb(file) {
  return new Database(file);
}

const SCHEMA = 'CREATE TABLE messages (id TEXT PRIMARY KEY, body TEXT)';
const app = express();

app.post('/groups/:id/sync', express.json(), async (req, res) => {
  const file = `groups/${req.params.id}.sqlite`;
  const isNew = !(await access(file).then(() => true, () => false));
  const db = openGroupDb(file);
  if (isNew) {
    db.exec(SCHEMA);
  }
  res.sendStatus(204);
});

module.exports = app;
