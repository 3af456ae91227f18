// fixture-options: express=5
const express = require('express');
const low = require('lowdb');
const FileSync = require('lowdb/adapters/FileSync');
const { curry, flow } = require('lodash/fp');

const adapter = new FileSync('wallet.json');
const db = low(adapter);
db.defaults({ accounts: [], transfers: [] }).write();

const findAccount = (id) => db.get('accounts').find({ id }).value();

// Point-free steps, each curried.
const recordTransfer = curry((account, amount) => {
  db.get('transfers').push({ account: account.id, amount }).write();
  return amount;
});
const remaining = curry((account, amount) => account.balance - amount);
const setBalance = curry((account, balance) => {
  db.get('accounts').find({ id: account.id }).assign({ balance }).write();
});

// A pipeline kept as a value: awaitify cannot await what it returns where it is called.
const payFee = flow(remaining(bank()), setBalance(bank()));
function bank() {
  return findAccount('bank');
}
function withdraw(account, amount) {
  recordTransfer(account, amount);
  payFee(1);
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
