'use strict';
const path = require('node:path');
const { readFileSync: rf, existsSync } = require('node:fs');
const store = require('../store/jsonStore');
const { dataDir } = require('../config');
const { HttpError } = require('../errors');
const { settings } = require('../settings');

function getProduct(id) {
  return store.readRecord('products', id);
}

function listProducts() {
  return store.listRecords('products');
}

function addProduct(input) {
  const { name, price, stock = 0 } = input || {};
  if (typeof name !== 'string' || name.trim() === '') throw new HttpError(400, 'name is required');
  if (!Number.isInteger(price) || price < 0) throw new HttpError(400, 'price must be a whole number of cents');
  if (!Number.isInteger(stock) || stock < 0) throw new HttpError(400, 'stock must be a whole number');
  const id = store.nextId('products');
  return store.writeRecord('products', id, { id, name: name.trim(), price, stock });
}

// Units sold per product id, kept in sales.json by the order service.
function popularity(productId) {
  const file = path.join(dataDir(), 'sales.json');
  if (!existsSync(file)) return 0;
  const sales = JSON.parse(rf(file, 'utf8'));
  return sales[productId] || 0;
}

function sortByPopularity(products) {
  return products.slice().sort((a, b) => popularity(b.id) - popularity(a.id) || a.id - b.id);
}

function formatPrice(cents) {
  return `${(cents / 100).toFixed(2)} ${settings.currency}`;
}

function withDisplayPrice(product) {
  return { ...product, display: formatPrice(product.price) };
}

module.exports = { getProduct, listProducts, addProduct, popularity, sortByPopularity, formatPrice, withDisplayPrice };
