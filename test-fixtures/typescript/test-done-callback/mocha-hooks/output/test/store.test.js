const assert = require('assert');
const request = require('supertest');
const { app, readItems, writeItems } = require('../lib/store');

describe('items', function () {
  beforeEach(function (done) {
    (async () => {
      this.timeout(5000);
      await writeItems([{ id: 1 }]);
      done();
    })().catch(done);
  });

  it('lists the items', function (done) {
    (async () => {
      const items = await readItems();
      request(app).get('/items').expect(200, items, done);
    })().catch(done);
  });

  it('counts them', (done) => {
    (async () => {
      if (!(await readItems()).length) return done(new Error('no items'));
      assert.equal((await readItems()).length, 1);
      done();
    })().catch(done);
  });

  it('needs no callback', async () => {
    assert.deepEqual(await readItems(), [{ id: 1 }]);
  });
});
