// fixture-options: express=5
const express = require('express');
const fs = require('fs');

// `cursor` is advanced at the end of one iteration and checked at the start of
// the next, with the append (now awaited) between them: another request can
// move the cursor in between. Found across the loop's back edge; review.
let cursor = 0;
const queue = [];

const app = express();
app.post('/drain', (req, res) => {
  while (cursor < queue.length) {
    const job = queue[cursor];
    cursor += 1;
    fs.appendFileSync('done.log', `${job}\n`);
  }
  res.sendStatus(204);
});

module.exports = app;
