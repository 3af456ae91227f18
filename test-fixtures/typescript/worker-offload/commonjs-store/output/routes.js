const express = require('express');
const { runInWorker } = require('./offload-worker');

const router = express.Router();

router.get('/users', async (req, res) => {
  res.json(await runInWorker(require.resolve('./db'), 'allUsers', []));
});

router.get('/users/:email', async (req, res) => {
  const user = await runInWorker(require.resolve('./db'), 'findUser', [req.params.email]);
  if (!user) return res.sendStatus(404);
  res.json(user);
});

router.post('/users', async (req, res) => {
  res.status(201).json(await runInWorker(require.resolve('./db'), 'createUser', [req.body.email, String(req.body.name)]));
});

module.exports = router;
