// fixture-options: express=5
const Database = require('better-sqlite3');
const express = require('express');
const { readFile } = require('fs/promises');

const db = new Database();

const app = express();
app.get('/export', async (req, res) => {
  const header = await readFile('header.csv', 'utf8');
  const rows = db.prepare('SELECT id, total FROM orders').all();
  res.type('csv').send(header + rows.map((r) => `${r.id},${r.total}`).join('\n'));
});

module.exports = app;
