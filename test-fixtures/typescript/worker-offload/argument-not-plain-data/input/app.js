const express = require('express');
const { recordVisit } = require('./queries');

class Session {
  constructor(req) {
    this.req = req;
  }
  user() {
    return this.req.get('x-user') || 'anonymous';
  }
}

const app = express();
app.get('/', (req, res) => {
  // A class instance arrives on a worker as a plain object: session.user() would not exist there.
  res.json({ changes: recordVisit(new Session(req)) });
});

module.exports = app;
