const path = require('path');
const { access, readFile } = require('fs/promises');

module.exports = async function (req, res, next) {
  try {
    const file = path.join(__dirname, '..', 'notes', `${req.params.id}.md`);
    if (!(await access(file).then(() => true, () => false))) {
      res.status(404).end();
      return;
    }
    res.type('text/markdown').send(await readFile(file, 'utf8'));
  } catch (err) {
    next(err);
  }
};
