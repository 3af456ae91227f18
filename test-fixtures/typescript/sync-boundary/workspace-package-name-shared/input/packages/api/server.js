// fixture-options: entry=all
const express = require('express');
const { readTemplate } = require('@acme/util');

const app = express();

app.get('/', (req, res) => {
  res.send(readTemplate('home'));
});

module.exports = app;
