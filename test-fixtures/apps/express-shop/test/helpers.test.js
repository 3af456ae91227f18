'use strict';
// The helpers the handlers are built on, called directly.
const { test, beforeEach, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const store = require('../src/store/jsonStore');
const { hashPassword, verifyPassword } = require('../src/auth/passwords');
const { exportOrders, importOrders } = require('../src/archive/archive');
const { sortByPopularity } = require('../src/catalog/catalog');
const { priceLine } = require('../src/orders/orders');
const { Session } = require('../src/auth/users');
const { freshDataDir, removeDataDir, PRODUCTS } = require('./support');

let dir;
beforeEach(() => {
  dir = freshDataDir();
});
afterEach(() => removeDataDir(dir));

test('hashPassword salts, and verifyPassword checks', () => {
  const stored = hashPassword('correct horse');
  assert.notEqual(hashPassword('correct horse'), stored);
  assert.equal(hashPassword('correct horse', stored.split(':')[0]), stored);
  assert.equal(verifyPassword('correct horse', stored), true);
  assert.equal(verifyPassword('wrong horse', stored), false);
});

test('nextId counts up per collection', () => {
  assert.equal(store.nextId('products'), 4);
  assert.equal(store.nextId('products'), 5);
  assert.equal(store.nextId('orders'), 1);
  assert.equal(fs.existsSync(path.join(dir, 'products', '.lock')), false);
});

test('records round-trip and list in numeric id order', () => {
  store.writeRecord('products', 10, { id: 10, name: 'Filter papers', price: 350, stock: 100 });
  assert.deepEqual(store.readRecord('products', '10'), { id: 10, name: 'Filter papers', price: 350, stock: 100 });
  assert.equal(store.hasRecord('products', 10), true);
  assert.equal(store.hasRecord('products', 11), false);
  const ids = store.listRecords('products').map((p) => p.id);
  assert.deepEqual(ids, [1, 2, 3, 10]);
  assert.deepEqual(store.listRecords('nothing-here'), []);
});

test('priceLine prices one order line', () => {
  assert.deepEqual(priceLine({ productId: 2, quantity: 3 }), {
    productId: 2,
    name: 'Burr grinder',
    quantity: 3,
    unitPrice: 8900,
    total: 26700,
  });
});

test('sortByPopularity orders by units sold, then id', () => {
  fs.writeFileSync(path.join(dir, 'sales.json'), JSON.stringify({ 3: 4 }));
  assert.deepEqual(
    sortByPopularity(PRODUCTS).map((p) => p.id),
    [3, 1, 2],
  );
});

test('a session gets a fresh random token', () => {
  const a = new Session({ name: 'ada' });
  const b = new Session({ name: 'ada' });
  assert.match(a.token, /^[0-9a-f]{48}$/);
  assert.notEqual(a.token, b.token);
});

test('an export imports into another shop', () => {
  store.writeRecord('orders', 1, { id: 1, customer: 'ada', lines: [], total: 0 });
  store.writeRecord('orders', 2, { id: 2, customer: 'bob', lines: [], total: 0 });
  const archive = exportOrders();
  assert.deepEqual([...archive.subarray(0, 2)], [0x1f, 0x8b]);
  const target = freshDataDir();
  try {
    assert.equal(importOrders(archive), 2);
    assert.deepEqual(
      store.listRecords('orders').map((o) => o.customer),
      ['ada', 'bob'],
    );
  } finally {
    removeDataDir(target);
  }
});
