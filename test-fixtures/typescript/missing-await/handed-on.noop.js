// fixture-options: express=5
// Promises handed on on purpose: none of these is a missing await.
const express = require('express');
const { readFile } = require('fs/promises');

async function load(name) {
  return readFile(name, 'utf8');
}

function loadLater(name) {
  return load(name);
}

function track(promise) {
  return promise.then((text) => text.length);
}

const app = express();
app.get('/a', (req, res) => {
  void load('a.txt');
  load('b.txt').then((text) => res.send(text)).catch((err) => res.status(500).send(err.message));
});
app.get('/b', async (req, res) => {
  const pending = load('c.txt');
  const [first, second] = await Promise.all([load('d.txt'), pending]);
  res.send(first + second);
});
app.get('/c', (req, res) => {
  const tasks = [];
  tasks.push(load('e.txt'));
  Promise.allSettled(tasks).then(() => res.sendStatus(204));
});
app.get('/d', (req, res) => {
  track(load('f.txt')).then((n) => res.json({ n }));
  return loadLater('g.txt').finally(() => res.end());
});
app.get('/e', async (req, res) => {
  const later = load('h.txt');
  res.send(await later);
});
app.get('/f', (req, res) => {
  (async () => {
    try {
      res.send(await load('i.txt'));
    } catch (err) {
      res.status(500).send(err.message);
    }
  })();
});

module.exports = app;
