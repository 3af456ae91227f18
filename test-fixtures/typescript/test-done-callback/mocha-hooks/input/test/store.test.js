const assert = require('assert');
const request = require('supertest');
const { app, readItems, writeItems } = require('../lib/store');

describe('items', function () {
  beforeEach(function (done) {
    this.timeout(5000);
    writeItems([{ id: 1 }]);
    done();
  });

  it('lists the items', function (done) {
    const items = readItems();
    request(app).get('/items').expect(200, items, done);
  });

  it('counts them', (done) => {
    if (!readItems().length) return done(new Error('no items'));
    assert.equal(readItems().length, 1);
    done();
  });

  it('needs no callback', () => {
    assert.deepEqual(readItems(), [{ id: 1 }]);
  });
});
