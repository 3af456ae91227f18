// fixture-options: express=5
// An interrupted run: getUser became async, its callers were not rewritten yet.
const express = require('express');
const { readFile } = require('fs/promises');

async function getUser(id) {
  return JSON.parse(await readFile(`users/${id}.json`, 'utf8'));
}

function displayName(id) {
  const user = getUser(id);
  return `${user.first} ${user.last}`;
}

const app = express();
app.get('/users/:id', (req, res) => {
  res.send(getUser(req.params.id));
});
app.get('/users/:id/name', (req, res) => {
  res.send(displayName(req.params.id));
});
app.get('/users/:id/email', async (req, res) => {
  res.send(getUser(req.params.id).email);
});

module.exports = app;
