'use strict';
const express = require('express');
const catalogRouter = require('./catalog/router');
const { listOrdersHandler, createOrderHandler, getOrderHandler } = require('./orders/handlers');
const { registerUser, login, requireSession } = require('./auth/users');
const { exportOrders, importOrders } = require('./archive/archive');
const { systemInfo } = require('./system/info');
const { throttle } = require('./middleware/throttle');
const { notFound, errorHandler } = require('./middleware/errors');

function createApp(options = {}) {
  const app = express();
  app.disable('x-powered-by');
  app.use(throttle({ windowMs: 1000, max: 100, delayMs: 50, ...options.throttle }));
  app.use(express.json());

  app.get('/health', (req, res) => {
    res.json({ ok: true });
  });

  app.use('/products', catalogRouter);

  app.route('/orders').get(listOrdersHandler).post(createOrderHandler);
  app.get('/orders/:id', getOrderHandler);

  app.post('/users', (req, res) => {
    const { name, password } = req.body || {};
    res.status(201).json(registerUser(name, password));
  });

  app.post('/sessions', (req, res) => {
    const { name, password } = req.body || {};
    const session = login(name, password);
    res.status(201).json({ token: session.token, user: session.user, expires: session.expires });
  });

  app.get('/export', requireSession, (req, res) => {
    const archive = exportOrders();
    res.type('application/gzip').attachment('orders.json.gz').send(archive);
  });

  app.post('/import', requireSession, express.raw({ type: 'application/gzip', limit: '5mb' }), (req, res) => {
    if (!Buffer.isBuffer(req.body)) {
      res.status(415).json({ error: 'send the export as application/gzip' });
      return;
    }
    res.json({ imported: importOrders(req.body) });
  });

  app.get('/system', (req, res) => {
    res.json(systemInfo());
  });

  app.use(notFound);
  app.use(errorHandler);
  return app;
}

module.exports = { createApp };
