'use strict';
const path = require('node:path');
const store = require('../store/jsonStore');
const files = require('../store/files');
const catalog = require('../catalog/catalog');
const { reserveStock } = require('../catalog/stock');
const { dataDir } = require('../config');
const { HttpError } = require('../errors');

function validateItems(items) {
  if (!Array.isArray(items) || items.length === 0) {
    throw new HttpError(400, 'an order needs at least one item');
  }
  items.forEach((item, index) => {
    if (!item || !Number.isInteger(item.quantity) || item.quantity < 1) {
      throw new HttpError(400, `line ${index + 1}: quantity must be a positive whole number`);
    }
  });
}

function priceLine(item) {
  const product = catalog.getProduct(item.productId);
  return {
    productId: product.id,
    name: product.name,
    quantity: item.quantity,
    unitPrice: product.price,
    total: product.price * item.quantity,
  };
}

function recordSales(lines) {
  const file = path.join(dataDir(), 'sales.json');
  let sales = {};
  try {
    sales = JSON.parse(files.readText(file));
  } catch (err) {
    if (err.code !== 'ENOENT') throw err;
  }
  for (const line of lines) {
    sales[line.productId] = (sales[line.productId] || 0) + line.quantity;
  }
  files.writeText(file, JSON.stringify(sales));
}

function placeOrder(customer, items) {
  if (typeof customer !== 'string' || customer === '') {
    throw new HttpError(400, 'customer is required');
  }
  validateItems(items);
  const lines = items.map((item) => priceLine(item));
  items.forEach((item, index) => {
    reserveStock(item, index + 1);
  });
  recordSales(lines);
  const id = store.nextId('orders');
  const order = {
    id,
    customer,
    lines,
    total: lines.reduce((sum, line) => sum + line.total, 0),
    placedAt: new Date().toISOString(),
  };
  return store.writeRecord('orders', id, order);
}

function getOrder(id) {
  return store.readRecord('orders', id);
}

function listOrders(customer) {
  const orders = store.listRecords('orders');
  return customer ? orders.filter((order) => order.customer === customer) : orders;
}

module.exports = { placeOrder, getOrder, listOrders, priceLine };
