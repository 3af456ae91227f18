const fs = require('fs');
const path = require('path');

function listNotes(req, res) {
  const names = fs.readdirSync(path.join(__dirname, '..', 'notes'));
  res.json(names.map((n) => n.replace(/\.md$/, '')));
}

module.exports = listNotes;
