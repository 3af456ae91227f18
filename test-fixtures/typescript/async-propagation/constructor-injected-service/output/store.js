// fixture-options: express=5
const { readFile } = require('fs/promises');

class Store {
  constructor(dir) {
    this.dir = dir;
  }

  async load(id) {
    return JSON.parse(await readFile(`${this.dir}/${id}.json`, 'utf8'));
  }
}

module.exports = { Store };
