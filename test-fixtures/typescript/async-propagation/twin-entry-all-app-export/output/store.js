const { loadSeed } = require('./prices');

class Store {
  constructor() {
    this.seed = loadSeed();
  }
}

module.exports = { Store };
