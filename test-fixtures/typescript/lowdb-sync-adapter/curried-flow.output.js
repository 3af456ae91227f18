// fixture-options: express=5
const express = require('express');
const low = require('lowdb');
const FileSync = require('lowdb/adapters/FileSync');
const { curry } = require('lodash/fp');
const FileAsync = require('lowdb/adapters/FileAsync');

const adapter = new FileSync('wallet.json');
const db = low(adapter);
db.defaults({ accounts: [], transfers: [] }).write();
// From here on lowdb writes through FileAsync's writer (one write at a time, the latest state last); start-up code above keeps FileSync.
const adapterWriter = new FileAsync('wallet.json');
adapter.write = (state) => adapterWriter.write(state);

const findAccount = (id) => db.get('accounts').find({ id }).value();

// Point-free steps: each is curried, and a withdrawal is a pipeline of them.
const recordTransfer = curry(async (account, amount) => {
  await db.get('transfers').push({ account: account.id, amount }).write();
  return amount;
});
const remaining = curry((account, amount) => account.balance - amount);
const setBalance = curry(async (account, balance) => {
  await db.get('accounts').find({ id: account.id }).assign({ balance }).write();
});

async function withdraw(account, amount) {
  await setBalance(account)(remaining(account)(await recordTransfer(account)(amount)));
}

const app = express();
app.post('/accounts/:id/withdraw', express.json(), async (req, res) => {
  await withdraw(findAccount(req.params.id), req.body.amount);
  res.json(findAccount(req.params.id));
});
app.put('/accounts/:id/balance', express.json(), async (req, res) => {
  await setBalance(findAccount(req.params.id), req.body.balance);
  res.sendStatus(204);
});

module.exports = app;
