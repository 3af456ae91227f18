// fixture-options: express=5
const Database = require('better-sqlite3');

// A migration script: no handler reaches it, nothing to report.
const db = new Database('app.db');

function migrate() {
  db.exec('ALTER TABLE users ADD COLUMN active INTEGER DEFAULT 1');
}

module.exports = { migrate };
