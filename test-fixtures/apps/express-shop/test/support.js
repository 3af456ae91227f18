'use strict';
// Test data: every test gets its own data dir, seeded with a small catalog.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const PRODUCTS = [
  { id: 1, name: 'Espresso beans 1kg', price: 2450, stock: 10 },
  { id: 2, name: 'Burr grinder', price: 8900, stock: 2 },
  { id: 3, name: 'Milk jug', price: 1250, stock: 0 },
];

function freshDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'express-shop-'));
  fs.mkdirSync(path.join(dir, 'products'));
  for (const product of PRODUCTS) {
    fs.writeFileSync(path.join(dir, 'products', `${product.id}.json`), JSON.stringify(product));
  }
  fs.writeFileSync(path.join(dir, 'products', '.counter'), String(PRODUCTS.length));
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ currency: 'EUR' }));
  process.env.SHOP_DATA_DIR = dir;
  return dir;
}

function removeDataDir(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
}

function readJson(dir, ...parts) {
  return JSON.parse(fs.readFileSync(path.join(dir, ...parts), 'utf8'));
}

module.exports = { PRODUCTS, freshDataDir, removeDataDir, readJson };
