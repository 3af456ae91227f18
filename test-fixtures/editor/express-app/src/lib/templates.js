const fs = require('fs');
const path = require('path');

const TEMPLATE_DIR = path.join(__dirname, '..', '..', 'templates');

function loadTemplate(name) {
  const file = path.join(TEMPLATE_DIR, name + '.html');
  return fs.readFileSync(file, 'utf8');
}

function countLines(name) {
  return loadTemplate(name).split('\n').length;
}

module.exports = { loadTemplate, countLines };
