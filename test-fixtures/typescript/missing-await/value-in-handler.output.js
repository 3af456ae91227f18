// fixture-options: express=5
// An interrupted run: getUser became async, its callers were not rewritten yet.
const express = require('express');
const { readFile } = require('fs/promises');

async function getUser(id) {
  return JSON.parse(await readFile(`users/${id}.json`, 'utf8'));
}

async function displayName(id) {
  const user = await getUser(id);
  return `${user.first} ${user.last}`;
}

const app = express();
app.get('/users/:id', async (req, res) => {
  res.send(await getUser(req.params.id));
});
app.get('/users/:id/name', async (req, res) => {
  res.send(await displayName(req.params.id));
});
app.get('/users/:id/email', async (req, res) => {
  res.send((await getUser(req.params.id)).email);
});

module.exports = app;
