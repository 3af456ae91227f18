// fixture-options: entry=all
const fs = require('fs');
const path = require('path');

// A documented factory: `const store = require('file-store')(dir); store.get(id)`.
module.exports = function createStore(dir) {
  return {
    get(id) {
      return JSON.parse(fs.readFileSync(path.join(dir, `${id}.json`), 'utf8'));
    },
    put(id, value) {
      fs.writeFileSync(path.join(dir, `${id}.json`), JSON.stringify(value));
    },
  };
};
