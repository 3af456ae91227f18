// fixture-options: express=5 safety=safe
const express = require('express');
const fs = require('fs');
const { EventEmitter } = require('events');

const app = express();

app.post('/import/:name', (req, res) => {
  let partial = `imports/${req.params.name}.part`;
  // `fail` is called directly and is also an emitter's listener: the listener
  // keeps it sync in every mode, so its check and removal are reported as
  // blocking calls left as they are (manual), not as review changes that a
  // looser --safety would apply.
  const fail = (err) => {
    if (partial && fs.existsSync(partial)) {
      fs.unlinkSync(partial);
      partial = null;
    }
    res.status(400).json({ error: err.message });
  };
  if (!req.params.name.endsWith('.csv')) {
    fail(new Error('only csv'));
    return;
  }
  const parser = new EventEmitter();
  parser.on('error', fail);
  req.on('data', (chunk) => parser.emit('data', chunk));
  req.on('end', () => res.sendStatus(201));
});

module.exports = app;
