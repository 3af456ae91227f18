const fs = require('fs');

exports.readTemplate = function readTemplate(name) {
  return fs.readFileSync(`templates/${name}.html`, 'utf8');
};
