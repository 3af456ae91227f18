const express = require('express');
const { recordVisit, clearVisits } = require('./store');

const app = express();

app.get('/pages/:name', (req, res) => {
  recordVisit(req.params.name);
  res.send(req.params.name);
});

clearVisits();

module.exports = app;
