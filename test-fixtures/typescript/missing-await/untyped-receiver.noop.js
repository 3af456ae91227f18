// fixture-options: express=5
// A promise passed to a call on a receiver awaitify cannot type may be taken on
// purpose (a service worker's `event.waitUntil`, a job queue): no await is
// added, and each call is a manual finding.
const express = require('express');
const { readFile } = require('fs/promises');

async function loadPage(name) {
  return readFile(`pages/${name}.html`, 'utf8');
}

async function warmCache(queue, name) {
  queue.enqueue(loadPage(name));
  return queue.size;
}

function keepWarm(event, name) {
  event.waitUntil(loadPage(name));
}

const app = express();
app.get('/pages/:name', async (req, res) => {
  res.send(await loadPage(req.params.name));
});

module.exports = { app, warmCache, keepWarm };
