// fixture-options: express=5
// Instances gathered in an array or object before the hand-over: kept in a
// variable (`const panels = [sidebar]; layout.mount(panels)`), filled later
// (`tabs.push(tab)`, `options.footer = footer`), nested
// (`layout.start({ panels: [toolbar] })`), or exported
// (`module.exports.widgets = widgets`): the library may call their methods,
// so those keep their sync form. An array the project only reads back
// (`seen.length`), hands to its own function (`countPanels(...)`) or
// serialises (`res.json(list)`, only `toJSON`) hands nothing over:
// `Page.title` and `Entry.text` become async.
const express = require('express');
const fs = require('fs');
const layout = require('layout-kit');
const { readFile } = require('fs/promises');

class Sidebar {
  html() {
    return fs.readFileSync('sidebar.html', 'utf8');
  }
}

class Toolbar {
  html() {
    return fs.readFileSync('toolbar.html', 'utf8');
  }
}

class Tab {
  constructor(name) {
    this.name = name;
  }

  html() {
    return fs.readFileSync(`${this.name}.html`, 'utf8');
  }
}

class Footer {
  html() {
    return fs.readFileSync('footer.html', 'utf8');
  }
}

class Widget {
  html() {
    return fs.readFileSync('widget.html', 'utf8');
  }
}

class Page {
  async title() {
    return await readFile('title.txt', 'utf8');
  }
}

class Entry {
  async text() {
    return await readFile('entry.txt', 'utf8');
  }

  toJSON() {
    return { kind: 'entry' };
  }
}

const widget = new Widget();
const widgets = [widget];
module.exports.widgets = widgets;

function countPanels(panels) {
  return panels.length;
}

const app = express();
app.get('/layout', (req, res) => {
  const sidebar = new Sidebar();
  const toolbar = new Toolbar();
  const panels = [sidebar];
  const tabs = [];
  for (const name of ['home', 'help']) {
    const tab = new Tab(name);
    tabs.push(tab);
  }
  const options = { tabs };
  const footer = new Footer();
  options.footer = footer;
  layout.mount(panels);
  layout.start({ panels: [toolbar] });
  layout.configure(options);
  res.send(sidebar.html() + toolbar.html() + footer.html() + widget.html() + countPanels(panels));
});
app.get('/page', async (req, res) => {
  const page = new Page();
  const seen = [page];
  res.set('X-Pages', String(countPanels(seen) + seen.length));
  res.send(await page.title());
});
app.get('/entries', async (req, res) => {
  const entry = new Entry();
  const list = [entry];
  res.set('X-Length', String((await entry.text()).length));
  res.json(list);
});

module.exports.app = app;
