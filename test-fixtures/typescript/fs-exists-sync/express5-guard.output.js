// fixture-options: express=5
const express = require('express');
const path = require('path');
const { access } = require('fs/promises');

const app = express();

app.get('/avatars/:user', async (req, res) => {
  const file = path.join(__dirname, 'avatars', `${req.params.user}.png`);
  if (!(await access(file).then(() => true, () => false))) {
    return res.sendStatus(404);
  }
  res.sendFile(file);
});

module.exports = app;
