// fixture-options: entry=all
const express = require('express');
const { readFile } = require('fs/promises');

const app = express();

async function loadConfig(file) {
  const text = await readFile(file, 'utf8');
  return JSON.parse(text);
}

function check(run) {
  return run().then(() => 'ok', (error) => error.message);
}

// The callback only returns the promise of a function that was already async:
// nothing in it has to await, so it needs no change and no finding.
app.get('/config', (req, res) => {
  check(() => loadConfig('app.json')).then((status) => res.send(status));
});
