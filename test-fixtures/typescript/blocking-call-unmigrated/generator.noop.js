const express = require('express');
const fs = require('fs');

function* lines(file) {
  yield* fs.readFileSync(file, 'utf8').split('\n');
}

const app = express();
app.get('/lines', (req, res) => {
  res.json([...lines('log.txt')]);
});
