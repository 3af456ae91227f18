const path = require('path');
const { readdir } = require('fs/promises');

async function listNotes(req, res, next) {
  try {
    const names = await readdir(path.join(__dirname, '..', 'notes'));
    res.json(names.map((n) => n.replace(/\.md$/, '')));
  } catch (err) {
    next(err);
  }
}

module.exports = listNotes;
