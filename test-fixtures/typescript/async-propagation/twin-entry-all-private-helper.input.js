// fixture-options: entry=all api=twin
// Under --entry all every blocking call is a seed, and --api twin gives a
// function some caller cannot await a sync twin. `loadDefaults` is private to
// this module and only a constructor calls it: an async twin would never be
// used, so it keeps its sync form alone. `loadTheme` is also awaited by
// `themeFor`, which becomes async, so its twin is used.
const fs = require('fs');

function loadDefaults(dir) {
  return JSON.parse(fs.readFileSync(`${dir}/defaults.json`, 'utf8'));
}

function loadTheme(dir) {
  return fs.readFileSync(`${dir}/theme.css`, 'utf8');
}

class Settings {
  constructor(dir) {
    this.defaults = loadDefaults(dir);
    this.theme = loadTheme(dir);
  }
}

function themeFor(dir) {
  return loadTheme(dir).trim();
}

module.exports = { Settings, themeFor };
