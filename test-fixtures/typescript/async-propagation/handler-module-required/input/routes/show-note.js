const fs = require('fs');
const path = require('path');

module.exports = function (req, res) {
  const file = path.join(__dirname, '..', 'notes', `${req.params.id}.md`);
  if (!fs.existsSync(file)) {
    res.status(404).end();
    return;
  }
  res.type('text/markdown').send(fs.readFileSync(file, 'utf8'));
};
