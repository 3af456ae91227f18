// fixture-options: express=5
const express = require('express');
const { access, readFile, appendFile } = require('fs/promises');

function mocks(dir) {
  return async (req, res, next) => {
    const file = dir + req.path + '.json';
    if (!(await access(file).then(() => true, () => false))) return next();
    res.type('json').send(await readFile(file, 'utf8'));
  };
}

async function logger(req, res, next) {
  await appendFile('access.log', req.path + '\n');
  next();
}

const app = express();
const serveMocks = mocks('mocks');
const log = logger;
app.use(log);
app.use('/api', serveMocks);
module.exports = app;
