'use strict';
const { describe, it, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const request = require('supertest');
const { createApp } = require('../src/app');
const { freshDataDir, removeDataDir, readJson } = require('./support');

describe('catalog', () => {
  let dir;
  let app;
  beforeEach(() => {
    dir = freshDataDir();
    app = createApp();
  });
  afterEach(() => removeDataDir(dir));

  it('lists products by id with a display price', async () => {
    const res = await request(app).get('/products').expect(200);
    assert.deepEqual(
      res.body.map((p) => [p.id, p.display]),
      [
        [1, '24.50 EUR'],
        [2, '89.00 EUR'],
        [3, '12.50 EUR'],
      ],
    );
  });

  it('reads the currency from settings.json on every request', async () => {
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ currency: 'CHF' }));
    const res = await request(app).get('/products/1').expect(200);
    assert.equal(res.body.display, '24.50 CHF');
  });

  it('sorts by units sold with ?sort=popular', async () => {
    fs.writeFileSync(path.join(dir, 'sales.json'), JSON.stringify({ 2: 5, 3: 1 }));
    const res = await request(app).get('/products?sort=popular').expect(200);
    assert.deepEqual(
      res.body.map((p) => p.id),
      [2, 3, 1],
    );
  });

  it('returns one product', async () => {
    const res = await request(app).get('/products/2').expect(200);
    assert.deepEqual(res.body, { id: 2, name: 'Burr grinder', price: 8900, stock: 2, display: '89.00 EUR' });
  });

  it('answers 404 for a product whose file does not exist', async () => {
    const res = await request(app).get('/products/99').expect(404);
    assert.deepEqual(res.body, { error: 'products/99 not found' });
  });

  it('answers 400 for an id that is not a file name', async () => {
    const res = await request(app).get('/products/a.b').expect(400);
    assert.deepEqual(res.body, { error: 'invalid id: a.b' });
  });

  it('answers 500 and logs the error for a corrupt product file', async () => {
    fs.writeFileSync(path.join(dir, 'products', '7.json'), '{"id": 7, ');
    const res = await request(app).get('/products/7').expect(500);
    assert.deepEqual(res.body, { error: 'internal error' });
    const log = fs.readFileSync(path.join(dir, 'logs', 'errors.log'), 'utf8');
    assert.match(log, /SyntaxError/);
  });

  it('adds a product with the next id', async () => {
    const res = await request(app).post('/products').send({ name: ' Tamper ', price: 3000, stock: 4 }).expect(201);
    assert.deepEqual(res.body, { id: 4, name: 'Tamper', price: 3000, stock: 4, display: '30.00 EUR' });
    assert.deepEqual(readJson(dir, 'products', '4.json'), { id: 4, name: 'Tamper', price: 3000, stock: 4 });
    const again = await request(app).post('/products').send({ name: 'Scale', price: 4500 }).expect(201);
    assert.equal(again.body.id, 5);
    assert.equal(again.body.stock, 0);
  });

  it('rejects an invalid product', async () => {
    const res = await request(app).post('/products').send({ name: 'Cup', price: 1.5 }).expect(400);
    assert.deepEqual(res.body, { error: 'price must be a whole number of cents' });
    assert.equal(fs.existsSync(path.join(dir, 'products', '4.json')), false);
  });

  it('reports file facts for a product', async () => {
    const res = await request(app).get('/products/1/info').expect(200);
    assert.equal(res.body.id, '1');
    assert.equal(res.body.size, fs.statSync(path.join(dir, 'products', '1.json')).size);
    assert.ok(!Number.isNaN(Date.parse(res.body.modified)));
    await request(app).get('/products/99/info').expect(404, { error: 'products/99 not found' });
  });
});
