// fixture-options: express=5 entry=all
const express = require('express');
const Database = require('better-sqlite3');

// The handle is injected into a wrapper class, as apps that hide the driver do.
class WrappedDatabase {
  constructor(db) {
    this.db = db;
  }

  all(sql, params = []) {
    const stmt = this.db.prepare(sql);
    return stmt.all(...params);
  }
}

function openDatabase(filename) {
  return new WrappedDatabase(new Database(filename));
}

const accounts = openDatabase('accounts.sqlite');
const app = express();

app.get('/users', (req, res) => {
  res.json(accounts.all('SELECT id, name FROM users'));
});

module.exports = app;
