'use strict';
const store = require('../store/jsonStore');
const { HttpError } = require('../errors');

// Takes `quantity` units of a product out of stock; `line` numbers the order line in messages.
function reserveStock(item, line) {
  const product = store.readRecord('products', item.productId);
  if (product.stock < item.quantity) {
    throw new HttpError(409, `line ${line}: only ${product.stock} of ${product.name} left`);
  }
  store.writeRecord('products', product.id, { ...product, stock: product.stock - item.quantity });
}

module.exports = { reserveStock };
