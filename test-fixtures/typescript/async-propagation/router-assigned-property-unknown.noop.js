const fs = require('fs');
const makeRegistry = require('./registry');

// `registry.router` is assigned something awaitify does not know: not an Express router.
const registry = {};
registry.init = () => {
  registry.router = makeRegistry();
};
registry.add = (verb) => {
  registry.router[verb]('/x', (name) => fs.readFileSync(name, 'utf8'));
  registry.router.all('/y', (name) => fs.readFileSync(name, 'utf8'));
};
module.exports = registry;
