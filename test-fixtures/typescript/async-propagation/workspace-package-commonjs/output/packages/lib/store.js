const { readFile } = require('fs/promises');

exports.loadOrders = async function loadOrders() {
  return (await readFile('data/orders.csv', 'utf8')).split('\n');
};
