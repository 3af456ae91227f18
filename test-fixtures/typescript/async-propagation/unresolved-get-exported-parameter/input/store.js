const fs = require('fs');

class Store {
  constructor(dir) {
    this.dir = dir;
  }

  get(id) {
    return JSON.parse(fs.readFileSync(`${this.dir}/${id}.json`, 'utf8'));
  }
}

module.exports = Store;
