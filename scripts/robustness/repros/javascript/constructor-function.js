// awaitify robustness repro (--entry all), rule: async-propagation.
// `View` is a constructor function (called with `new`, sets `this.*`). An async
// function cannot be called with `new` (TypeError: View is not a constructor).
// Expected: `View` stays sync; awaitify reports a sync-boundary (constructor)
// at `this.path = this.lookup(name)`; `lookup` itself may still become async
// (then the call in `View` is left as is and reported), or stays sync too.
// Actual (0.1.0): `async function View(...)` and `this.path = await this.lookup(name)`.
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
