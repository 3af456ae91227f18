const fs = require('fs');

exports.loadOrders = function loadOrders() {
  return fs.readFileSync('data/orders.csv', 'utf8').split('\n');
};
