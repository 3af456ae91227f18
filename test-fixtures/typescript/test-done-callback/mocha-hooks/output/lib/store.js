const express = require('express');
const { readFile, writeFile } = require('fs/promises');

async function readItems() {
  return JSON.parse(await readFile('items.json', 'utf8'));
}

async function writeItems(items) {
  await writeFile('items.json', JSON.stringify(items));
}

const app = express();
app.get('/items', async (req, res, next) => { try { return res.json(await readItems()); } catch (err) { next(err); } });
app.post('/items', async (req, res, next) => {
  try {
    await writeItems([...(await readItems()), req.body]);
    res.sendStatus(201);
  } catch (err) {
    next(err);
  }
});

module.exports = { app, readItems, writeItems };
