// fixture-options: express=5 entry=all
// A bound function (`fn.bind(...)`) calls `fn` wherever it goes: stored in an
// object handed to a plugin, its calls are not seen, so `fn` stays sync. A
// member replaced by its bound self (`this.x = this.x.bind(this)`) is still
// called by name, and becomes async with its callers.
const express = require('express');
const fs = require('fs');
const path = require('path');

function storageDir(name) {
  const dir = path.join('data', name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function pluginApi(name) {
  return {
    storageDir: storageDir.bind(null, name),
  };
}

class Notes {
  constructor(dir) {
    this.dir = dir;
    this.read = this.read.bind(this);
  }

  read(name) {
    return fs.readFileSync(path.join(this.dir, name), 'utf8');
  }

  title(name) {
    return this.read(name).split('\n')[0];
  }
}

const notes = new Notes('notes');
const app = express();
app.get('/notes/:name', (req, res) => {
  res.send(notes.title(req.params.name));
});
app.post('/plugins/:name', (req, res) => {
  const plugin = require(`./plugins/${req.params.name}`);
  plugin.start(pluginApi(req.params.name));
  res.sendStatus(204);
});

module.exports = app;
