// fixture-options: express=5
const express = require('express');
const low = require('lowdb');
const FileSync = require('lowdb/adapters/FileSync');
const { curry, flow } = require('lodash/fp');

const adapter = new FileSync('wallet.json');
const db = low(adapter);
db.defaults({ accounts: [], transfers: [] }).write();

const findAccount = (id) => db.get('accounts').find({ id }).value();

// Point-free steps: each is curried, and a withdrawal is a pipeline of them.
const recordTransfer = curry((account, amount) => {
  db.get('transfers').push({ account: account.id, amount }).write();
  return amount;
});
const remaining = curry((account, amount) => account.balance - amount);
const setBalance = curry((account, balance) => {
  db.get('accounts').find({ id: account.id }).assign({ balance }).write();
});

function withdraw(account, amount) {
  flow(recordTransfer(account), remaining(account), setBalance(account))(amount);
}

const app = express();
app.post('/accounts/:id/withdraw', express.json(), (req, res) => {
  withdraw(findAccount(req.params.id), req.body.amount);
  res.json(findAccount(req.params.id));
});
app.put('/accounts/:id/balance', express.json(), (req, res) => {
  setBalance(findAccount(req.params.id), req.body.balance);
  res.sendStatus(204);
});

module.exports = app;
