// fixture-options: express=5
// `var` with several declarators: the one whose last use was rewritten
// leaves the list, the others stay.
var express = require('express'), path = require('path');
const { exec } = require('child_process');
const { promisify } = require('util');

var app = express();

app.get('/uptime', async function (req, res) {
  res.send((await promisify(exec)('uptime', { encoding: 'buffer', cwd: path.resolve('.') })).stdout.toString());
});

module.exports = app;
