// fixture-options: express=5
const express = require('express');
const { readFile, writeFile } = require('fs/promises');

// The read that fails sends the call into `catch`, which creates the file:
// a check by its error, then a create, on one path (try → catch). With an
// await between them two requests can both find it missing; review.
const app = express();
app.get('/motd', async (req, res) => {
  try {
    res.send(await readFile('motd.txt', 'utf8'));
  } catch (err) {
    await writeFile('motd.txt', 'Welcome');
    res.send('Welcome');
  }
});

module.exports = app;
