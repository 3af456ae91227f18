// fixture-options: express=5
const express = require('express');
const fs = require('fs');
const path = require('path');

const app = express();

app.get('/avatars/:user', (req, res) => {
  const file = path.join(__dirname, 'avatars', `${req.params.user}.png`);
  if (!fs.existsSync(file)) {
    return res.sendStatus(404);
  }
  res.sendFile(file);
});

module.exports = app;
