// fixture-options: express=5
const express = require('express');
const bcrypt = require('bcrypt');

const app = express();

app.post('/hash', express.json(), (req, res) => {
  bcrypt.hash(req.body.password, 10, (err, hash) => (err ? res.sendStatus(500) : res.json({ hash })));
});

module.exports = app;
