// fixture-options: express=5
const { DatabaseSync } = require('node:sqlite');

const db = new DatabaseSync('audit.db');

function recordVisit(session) {
  return db.prepare('INSERT INTO visits (user, at) VALUES (?, ?)').run(session.user(), Date.now()).changes;
}

module.exports = { recordVisit };
