const express = require('express');
const fs = require('fs');

const app = express();

function load() {
  return fs.readFileSync('x.txt', 'utf8');
}

app.get('/x', (req, res) => {
  // A local `load` shadows the blocking one.
  const load = () => 'cached';
  res.send(load());
});
