// fixture-options: express=5
const express = require('express');
const fs = require('fs');

function writeHeartbeat() {
  fs.writeFileSync('heartbeat.txt', String(Date.now()));
}

const app = express();
app.post('/heartbeat/start', (req, res) => {
  setInterval(writeHeartbeat, 1000);
  res.sendStatus(204);
});

module.exports = app;
