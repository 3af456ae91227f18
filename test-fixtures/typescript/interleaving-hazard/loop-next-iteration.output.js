// fixture-options: express=5
const express = require('express');
const { appendFile } = require('fs/promises');

// `cursor` is advanced at the end of one iteration and checked at the start of
// the next, with the append (now awaited) between them: another request can
// move the cursor in between. Found across the loop's back edge; review.
let cursor = 0;
const queue = [];

const app = express();
app.post('/drain', async (req, res) => {
  while (cursor < queue.length) {
    const job = queue[cursor];
    cursor += 1;
    await appendFile('done.log', `${job}\n`);
  }
  res.sendStatus(204);
});

module.exports = app;
