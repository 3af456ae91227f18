const fs = require('fs');

module.exports = (req, res, next) => {
  res.set('x-build', fs.readFileSync('BUILD', 'utf8').trim());
  next();
};
