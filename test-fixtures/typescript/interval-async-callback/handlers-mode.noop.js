const fs = require('fs');
const express = require('express');

let status = {};
// Not on a request path: the default entry policy leaves it alone.
setInterval(() => {
  status = JSON.parse(fs.readFileSync('status.json', 'utf8'));
}, 5000);

const app = express();
app.get('/status', (req, res) => res.json(status));
