// fixture-options: entry=all
// `View` is a constructor function (called with `new`, sets `this.*`): `new`
// on an async function throws, so it stays sync and so does `lookup`.
const fs = require('node:fs');

function View(name) {
  this.name = name;
  this.path = this.lookup(name);
}

View.prototype.lookup = function lookup(name) {
  return fs.statSync(name).isFile() ? name : undefined;
};

module.exports = function render(name) {
  return new View(name).path;
};
