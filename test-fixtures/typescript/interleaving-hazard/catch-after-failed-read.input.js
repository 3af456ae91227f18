// fixture-options: express=5
const express = require('express');
const fs = require('fs');

// The read that fails sends the call into `catch`, which creates the file:
// a check by its error, then a create, on one path (try → catch). With an
// await between them two requests can both find it missing; review.
const app = express();
app.get('/motd', (req, res) => {
  try {
    res.send(fs.readFileSync('motd.txt', 'utf8'));
  } catch (err) {
    fs.writeFileSync('motd.txt', 'Welcome');
    res.send('Welcome');
  }
});

module.exports = app;
