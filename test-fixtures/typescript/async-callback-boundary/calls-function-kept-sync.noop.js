// fixture-options: entry=all
// Promise executors and a `t.throws` callback that only call a function
// which stays sync for a reason of its own: `createStand` reaches the
// blocking read only through the constructor `Stand`, which cannot be
// async; `reload` is an event listener, which the emitter does not await.
// No callback would await anything, so none gets an async-callback-boundary
// finding: each blocking read is reported where it is.
const fs = require('fs');
const EventEmitter = require('events');
const test = require('tap').test;

const bus = new EventEmitter();

function Stand(opts) {
  this.banner = fs.readFileSync(opts.file, 'utf8');
}

function createStand(opts) {
  return new Stand(opts);
}

function reload() {
  return fs.readFileSync('stand.txt', 'utf8');
}
bus.on('reload', reload);

test('stand', (t) => {
  return new Promise((resolve) => {
    const s = createStand({ file: 'a.txt' });
    t.ok(s.banner);
    resolve();
  });
});

test('throws', (t) => {
  t.throws(() => createStand({}));
  t.end();
});

test('reload', (t) => {
  return new Promise((resolve) => {
    t.ok(reload());
    resolve();
  });
});
