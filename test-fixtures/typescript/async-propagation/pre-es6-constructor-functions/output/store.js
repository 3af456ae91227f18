const { readFile } = require('fs/promises');

function Store(dir) {
  this.dir = dir;
}

Store.prototype.path = function (id) {
  return this.dir + '/' + id + '.json';
};

Store.prototype.load = async function (id) {
  return JSON.parse(await readFile(this.path(id), 'utf8'));
};

module.exports = Store;
