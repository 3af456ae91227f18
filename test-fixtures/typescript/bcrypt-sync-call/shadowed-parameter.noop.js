// fixture-options: express=5
const express = require('express');
const bcrypt = require('bcryptjs');

const app = express();

function makeChecker(bcrypt) {
  return (req, res) => res.json({ ok: bcrypt.compareSync(req.body.password, req.body.hash) });
}

app.post('/check', express.json(), makeChecker({ compareSync: (a, b) => a === b }));

module.exports = app;
