const { readFile } = require('fs/promises');

class Store {
  constructor(dir) {
    this.dir = dir;
  }

  async get(id) {
    return JSON.parse(await readFile(`${this.dir}/${id}.json`, 'utf8'));
  }
}

module.exports = Store;
