// fixture-options: express=5
const Database = require('better-sqlite3');

const db = new Database(process.env.DB_FILE || 'app.db');
db.pragma('journal_mode = WAL');
const byEmail = db.prepare('SELECT id, email, name FROM users WHERE email = ?');
const insert = db.prepare('INSERT INTO users (email, name) VALUES (@email, @name)');

/** @param {string} email */
exports.findUser = function findUser(email) {
  return byEmail.get(email.toLowerCase());
};

exports.createUser = (email, name) => {
  const info = insert.run({ email, name });
  return { id: Number(info.lastInsertRowid), email, name };
};

exports.allUsers = function () {
  return db.prepare('SELECT id, email FROM users').all().map((row) => ({ ...row, label: `#${row.id}` }));
};
