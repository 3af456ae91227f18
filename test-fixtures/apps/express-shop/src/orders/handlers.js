'use strict';
const orders = require('./orders');

function listOrdersHandler(req, res) {
  res.json(orders.listOrders(req.query.customer));
}

function createOrderHandler(req, res) {
  const { customer, items } = req.body || {};
  const order = orders.placeOrder(customer, items);
  res.status(201).location(`/orders/${order.id}`).json(order);
}

function getOrderHandler(req, res) {
  res.json(orders.getOrder(req.params.id));
}

module.exports = { listOrdersHandler, createOrderHandler, getOrderHandler };
