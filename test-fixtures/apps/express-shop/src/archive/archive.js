'use strict';
// Gzipped JSON export and import of all orders, for backups and moving data between shops.
const zlib = require('zlib');
const { gunzipSync } = require('node:zlib');
const store = require('../store/jsonStore');
const { HttpError } = require('../errors');

function exportOrders() {
  const orders = store.listRecords('orders');
  return zlib.gzipSync(JSON.stringify({ format: 'express-shop/orders@1', orders }));
}

function importOrders(buffer) {
  let payload;
  try {
    payload = JSON.parse(gunzipSync(buffer).toString('utf8'));
  } catch (err) {
    throw new HttpError(400, `not a gzipped order export: ${err.message}`);
  }
  if (!payload || payload.format !== 'express-shop/orders@1' || !Array.isArray(payload.orders)) {
    throw new HttpError(400, 'not a gzipped order export: unknown format');
  }
  payload.orders.forEach((order) => store.writeRecord('orders', order.id, order));
  return payload.orders.length;
}

module.exports = { exportOrders, importOrders };
