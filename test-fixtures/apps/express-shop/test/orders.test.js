'use strict';
const { describe, it, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const request = require('supertest');
const { createApp } = require('../src/app');
const { freshDataDir, removeDataDir, readJson } = require('./support');

describe('orders', () => {
  let dir;
  let app;
  beforeEach(() => {
    dir = freshDataDir();
    app = createApp();
  });
  afterEach(() => removeDataDir(dir));

  const order = {
    customer: 'ada',
    items: [
      { productId: 1, quantity: 2 },
      { productId: 2, quantity: 1 },
    ],
  };

  it('places an order, takes stock and counts sales', async () => {
    const res = await request(app).post('/orders').send(order).expect(201);
    assert.equal(res.headers.location, '/orders/1');
    assert.equal(res.body.id, 1);
    assert.equal(res.body.customer, 'ada');
    assert.equal(res.body.total, 2 * 2450 + 8900);
    assert.deepEqual(res.body.lines, [
      { productId: 1, name: 'Espresso beans 1kg', quantity: 2, unitPrice: 2450, total: 4900 },
      { productId: 2, name: 'Burr grinder', quantity: 1, unitPrice: 8900, total: 8900 },
    ]);
    assert.equal(readJson(dir, 'products', '1.json').stock, 8);
    assert.equal(readJson(dir, 'products', '2.json').stock, 1);
    assert.deepEqual(readJson(dir, 'sales.json'), { 1: 2, 2: 1 });
    assert.deepEqual(readJson(dir, 'orders', '1.json'), res.body);

    const second = await request(app).post('/orders').send({ customer: 'bob', items: [{ productId: 2, quantity: 1 }] });
    assert.equal(second.status, 201);
    assert.equal(second.body.id, 2);
    assert.deepEqual(readJson(dir, 'sales.json'), { 1: 2, 2: 2 });
  });

  it('refuses an order line without enough stock, naming the line', async () => {
    const res = await request(app)
      .post('/orders')
      .send({ customer: 'ada', items: [{ productId: 1, quantity: 1 }, { productId: 2, quantity: 3 }] })
      .expect(409);
    assert.deepEqual(res.body, { error: 'line 2: only 2 of Burr grinder left' });
  });

  it('answers 404 for an unknown product', async () => {
    const res = await request(app)
      .post('/orders')
      .send({ customer: 'ada', items: [{ productId: 42, quantity: 1 }] })
      .expect(404);
    assert.deepEqual(res.body, { error: 'products/42 not found' });
  });

  it('validates the order', async () => {
    await request(app).post('/orders').send({ customer: 'ada', items: [] }).expect(400, { error: 'an order needs at least one item' });
    await request(app)
      .post('/orders')
      .send({ customer: 'ada', items: [{ productId: 1, quantity: 1 }, { productId: 2, quantity: 0 }] })
      .expect(400, { error: 'line 2: quantity must be a positive whole number' });
    await request(app).post('/orders').send({ items: [{ productId: 1, quantity: 1 }] }).expect(400, { error: 'customer is required' });
  });

  it('answers 400 for a body that is not JSON', async () => {
    const res = await request(app).post('/orders').set('content-type', 'application/json').send('{"customer":').expect(400);
    assert.match(res.body.error, /JSON/);
  });

  it('lists orders, optionally for one customer', async () => {
    await request(app).post('/orders').send(order).expect(201);
    await request(app).post('/orders').send({ customer: 'bob', items: [{ productId: 1, quantity: 1 }] }).expect(201);
    const all = await request(app).get('/orders').expect(200);
    assert.deepEqual(
      all.body.map((o) => [o.id, o.customer]),
      [
        [1, 'ada'],
        [2, 'bob'],
      ],
    );
    const bobs = await request(app).get('/orders?customer=bob').expect(200);
    assert.deepEqual(
      bobs.body.map((o) => o.id),
      [2],
    );
  });

  it('returns one order, or 404', async () => {
    await request(app).get('/orders').expect(200, []);
    await request(app).post('/orders').send(order).expect(201);
    const res = await request(app).get('/orders/1').expect(200);
    assert.equal(res.body.total, 13800);
    await request(app).get('/orders/5').expect(404, { error: 'orders/5 not found' });
  });
});
