const { test, before } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const { freshDatabase } = require('./support');

let app;
before(() => {
  freshDatabase();
  app = require('../src/app');
});

test('lists products', async () => {
  const res = await request(app).get('/products').expect(200);
  assert.deepEqual(res.body, [
    { id: 1, name: 'Teapot', price: 4.5 },
    { id: 2, name: 'Kettle', price: 12 },
  ]);
});

test('shows a product with its reviews', async () => {
  const res = await request(app).get('/products/1').expect(200);
  assert.deepEqual(res.body, { id: 1, name: 'Teapot', price: 4.5, reviews: [{ stars: 5, body: 'pours well' }] });
});

test('404 for a missing product', async () => {
  const res = await request(app).get('/products/99').expect(404);
  assert.deepEqual(res.body, { error: 'no such product' });
});

test('adds a review and shows it', async () => {
  const res = await request(app).post('/products/2/reviews').send({ stars: 4, body: 'boils fast' }).expect(201);
  assert.equal(res.body.productId, 2);
  assert.equal(res.body.stars, 4);
  assert.equal(typeof res.body.id, 'number');
  const shown = await request(app).get('/products/2').expect(200);
  assert.deepEqual(shown.body.reviews, [{ stars: 4, body: 'boils fast' }]);
});

test('rejects a review without valid stars', async () => {
  await request(app).post('/products/1/reviews').send({ stars: 9, body: 'x' }).expect(400);
});

test('counts with a slow query', async () => {
  const res = await request(app).get('/count?n=1000').expect(200);
  assert.deepEqual(res.body, { n: 1000 });
});

test('scores with a CPU-heavy function', async () => {
  const res = await request(app).get('/primes?below=100').expect(200);
  assert.deepEqual(res.body, { primes: 25 });
});
