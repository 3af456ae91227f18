const express = require('express');
const users = require('./db');
const { findUser } = require('./db');

const router = express.Router();

router.get('/users', (req, res) => {
  res.json(users.allUsers());
});

router.get('/users/:email', (req, res) => {
  const user = findUser(req.params.email);
  if (!user) return res.sendStatus(404);
  res.json(user);
});

router.post('/users', (req, res) => {
  res.status(201).json(users.createUser(req.body.email, String(req.body.name)));
});

module.exports = router;
