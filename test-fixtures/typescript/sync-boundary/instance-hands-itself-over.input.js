// fixture-options: express=5
// A class instance that hands itself to a library (`widgets.mount(this)`) may
// have its methods called there: they keep their sync form. Copying onto
// `this` (`Object.assign(this, options)`) calls none of them.
const express = require('express');
const fs = require('fs');
const widgets = require('widgets');

class Panel {
  constructor(options) {
    Object.assign(this, options);
  }

  show() {
    widgets.mount(this);
  }

  title() {
    return fs.readFileSync(this.file, 'utf8');
  }
}

class Note {
  constructor(options) {
    Object.assign(this, options);
  }

  text() {
    return fs.readFileSync(this.file, 'utf8');
  }
}

const app = express();
app.get('/panel', (req, res) => {
  const panel = new Panel({ file: 'panel.txt' });
  panel.show();
  res.send(panel.title());
});
app.get('/note', (req, res) => {
  res.send(new Note({ file: 'note.txt' }).text());
});

module.exports = app;
