// fixture-options: express=5
const express = require('express');
const fs = require('fs');

function mocks(dir) {
  return (req, res, next) => {
    const file = dir + req.path + '.json';
    if (!fs.existsSync(file)) return next();
    res.type('json').send(fs.readFileSync(file, 'utf8'));
  };
}

function logger(req, res, next) {
  fs.appendFileSync('access.log', req.path + '\n');
  next();
}

const app = express();
const serveMocks = mocks('mocks');
const log = logger;
app.use(log);
app.use('/api', serveMocks);
module.exports = app;
