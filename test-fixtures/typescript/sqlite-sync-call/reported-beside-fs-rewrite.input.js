// fixture-options: express=5
const fs = require('fs');
const Database = require('better-sqlite3');
const express = require('express');

const db = new Database();

const app = express();
app.get('/export', (req, res) => {
  const header = fs.readFileSync('header.csv', 'utf8');
  const rows = db.prepare('SELECT id, total FROM orders').all();
  res.type('csv').send(header + rows.map((r) => `${r.id},${r.total}`).join('\n'));
});

module.exports = app;
