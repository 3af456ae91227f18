var Cache = function (dir) {
  this.dir = dir;
};

Cache.prototype = {
  read: function (key) {
    var fs = require('fs');
    return fs.readFileSync(this.dir + '/' + key, 'utf8');
  },
  lookup: function (key) {
    return this.read(key).trim();
  }
};

module.exports = Cache;
