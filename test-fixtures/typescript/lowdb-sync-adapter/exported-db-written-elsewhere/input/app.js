const express = require('express');
const { db, addNote } = require('./db');

const app = express();

app.post('/notes', express.json(), (req, res) => {
  addNote(req.body);
  res.sendStatus(201);
});

// Another module writes through the same database: awaitify does not follow it there.
app.delete('/notes', (req, res) => {
  db.set('notes', []).write();
  res.sendStatus(204);
});

module.exports = app;
