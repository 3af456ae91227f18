// fixture-options: express=5
// `res.status(201).send()` is Express's response (a method's result on a
// handler's `res`), not the project's `outbox.send`: it does not keep it sync.
const express = require('express');
const fs = require('fs');

const outbox = {
  send(to) {
    fs.appendFileSync('outbox.log', `${to}\n`);
  },
};

const app = express();
app.post('/invite/:to', (req, res) => {
  outbox.send(req.params.to);
  res.status(201).type('text').send('sent');
});
app.post('/again/:to', (req, res) => {
  outbox.send(req.params.to);
  res.status(201).send('sent again');
});

module.exports = app;
