var fs = require('fs');

function Store(dir) {
  this.dir = dir;
}

Store.prototype.path = function (id) {
  return this.dir + '/' + id + '.json';
};

Store.prototype.load = function (id) {
  return JSON.parse(fs.readFileSync(this.path(id), 'utf8'));
};

module.exports = Store;
