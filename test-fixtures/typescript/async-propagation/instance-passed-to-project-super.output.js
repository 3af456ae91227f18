// fixture-options: express=5
// `super(page)` hands the instance to a project base class, whose
// constructor is analysed like any project function: no hand-over to a
// library, so `Page.text` becomes async.
const express = require('express');
const { readFile } = require('fs/promises');

class Widget {
  constructor(page) {
    this.page = page;
  }
}

class Banner extends Widget {
  constructor(page) {
    super(page);
  }
}

class Page {
  constructor(file) {
    this.file = file;
  }

  async text() {
    return await readFile(this.file, 'utf8');
  }
}

const app = express();
app.get('/', async (req, res) => {
  const page = new Page('home.txt');
  const banner = new Banner(page);
  res.send(`${banner.page.file}: ${await page.text()}`);
});

module.exports = app;
