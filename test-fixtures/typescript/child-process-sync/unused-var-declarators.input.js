// fixture-options: express=5
// `var` with several declarators: the one whose last use was rewritten
// leaves the list, the others stay.
var express = require('express'), execSync = require('child_process').execSync, path = require('path');

var app = express();

app.get('/uptime', function (req, res) {
  res.send(execSync('uptime', { cwd: path.resolve('.') }).toString());
});

module.exports = app;
