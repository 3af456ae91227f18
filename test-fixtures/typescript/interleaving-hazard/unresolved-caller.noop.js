// fixture-options: express=5
const express = require('express');
const fs = require('fs');

// Reached only through `req.notes.save()`, a call awaitify cannot resolve:
// `save` stays sync and its blocking calls are reported (no await, no hazard).
const notes = {
  save(name, text) {
    if (fs.existsSync(name)) return false;
    fs.writeFileSync(name, text);
    return true;
  },
};

const app = express();
app.use((req, res, next) => {
  req.notes = notes;
  next();
});
app.put('/notes/:id', (req, res) => {
  res.json(req.notes.save(`notes/${req.params.id}.txt`, req.query.text));
});

module.exports = app;
