const { readFile } = require('fs/promises');

module.exports = async (req, res, next) => {
  try {
    res.set('x-build', (await readFile('BUILD', 'utf8')).trim());
    next();
  } catch (err) {
    next(err);
  }
};
