const express = require('express');
const fs = require('fs');

function save(value) {
  fs.writeFileSync('state.json', JSON.stringify(value));
}

class State {
  set value(v) {
    save(v);
  }
}

const app = express();
app.post('/state', (req, res) => {
  save(req.body);
  res.end();
});
module.exports = { State };
