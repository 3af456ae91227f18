'use strict';
const express = require('express');
const catalog = require('./catalog');
const store = require('../store/jsonStore');

const router = express.Router();

router.get('/', (req, res) => {
  let products = catalog.listProducts();
  if (req.query.sort === 'popular') {
    products = catalog.sortByPopularity(products);
  }
  res.json(products.map((product) => catalog.withDisplayPrice(product)));
});

router.post('/', (req, res) => {
  const product = catalog.addProduct(req.body);
  res.status(201).json(catalog.withDisplayPrice(product));
});

router.get('/:id', (req, res) => {
  res.json(catalog.withDisplayPrice(catalog.getProduct(req.params.id)));
});

router.get('/:id/info', (req, res) => {
  res.json(store.recordInfo('products', req.params.id));
});

module.exports = router;
