// fixture-options: express=5 safety=safe
const express = require('express');
const fs = require('fs');

// Reached only through `req.notes.save()`, a call awaitify cannot resolve, and
// it stays sync in any mode: nothing changes, every blocking call is still in
// the report, and no hazard is reported as no await is added.
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
