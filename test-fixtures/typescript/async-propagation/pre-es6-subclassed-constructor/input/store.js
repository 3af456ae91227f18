var fs = require('fs');

function Store(dir) {
  this.dir = dir;
}

Store.prototype.get = function (id) {
  return this.load(id) || null;
};

Store.prototype.load = function (id) {
  return JSON.parse(fs.readFileSync(this.dir + '/' + id + '.json', 'utf8'));
};

module.exports = Store;
