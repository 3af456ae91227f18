const { readFile } = require('fs/promises');

var Cache = function (dir) {
  this.dir = dir;
};

Cache.prototype = {
  read: async function (key) {
    return await readFile(this.dir + '/' + key, 'utf8');
  },
  lookup: async function (key) {
    return (await this.read(key)).trim();
  }
};

module.exports = Cache;
