const fs = require('fs');
const express = require('express');

function readItems() {
  return JSON.parse(fs.readFileSync('items.json', 'utf8'));
}

function writeItems(items) {
  fs.writeFileSync('items.json', JSON.stringify(items));
}

const app = express();
app.get('/items', (req, res) => res.json(readItems()));
app.post('/items', (req, res) => {
  writeItems([...readItems(), req.body]);
  res.sendStatus(201);
});

module.exports = { app, readItems, writeItems };
