const express = require('express');
const store = require('./db');
const { primesBelow } = require('./scoring');

const app = express();
app.use(express.json());

app.get('/products', (req, res) => {
  res.json(store.listProducts());
});

app.get('/products/:id', (req, res) => {
  const product = store.findProduct(Number(req.params.id));
  if (!product) return res.status(404).json({ error: 'no such product' });
  res.json(product);
});

app.post('/products/:id/reviews', (req, res) => {
  const stars = Number(req.body.stars);
  if (!(stars >= 1 && stars <= 5)) return res.status(400).json({ error: 'stars must be 1 to 5' });
  const review = store.addReview(Number(req.params.id), stars, String(req.body.body || ''));
  res.status(201).json(review);
});

app.get('/count', (req, res) => {
  res.json({ n: store.countTo(Number(req.query.n) || 1) });
});

app.get('/primes', (req, res) => {
  res.json({ primes: primesBelow(Number(req.query.below) || 10) });
});

module.exports = app;
