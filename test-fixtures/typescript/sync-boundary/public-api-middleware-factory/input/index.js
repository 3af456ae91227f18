// fixture-options: entry=all express=4
const fs = require('fs');
const path = require('path');

// `app.use('/api', require('mock-files')('mocks'))`: an async middleware needs Express 5 (or a catch) in the user's app, which awaitify cannot see.
module.exports = function mockFiles(dir) {
  return function (req, res, next) {
    const file = path.join(dir, `${req.path}.json`);
    if (!fs.existsSync(file)) return next();
    res.type('json').send(fs.readFileSync(file, 'utf8'));
  };
};
