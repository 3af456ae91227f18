// fixture-options: entry=all
// No `new` in the project: a prototype, or `util.inherits`, is enough to make
// a function a constructor (multer's DiskStorage, http-server's HttpServer).
const fs = require('fs');
const util = require('util');
const EventEmitter = require('events');

function DiskStorage(opts) {
  this.dest = opts.dest;
  fs.mkdirSync(this.dest, { recursive: true });
}

DiskStorage.prototype.name = 'disk';

function HttpServer(options) {
  EventEmitter.call(this);
  this.root = fs.readFileSync(options.rootFile, 'utf8');
}
util.inherits(HttpServer, EventEmitter);

module.exports = { DiskStorage, HttpServer };
