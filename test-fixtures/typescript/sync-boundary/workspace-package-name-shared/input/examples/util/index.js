// An older copy kept as an example: it has the same package name, so which
// one `require('@acme/util')` loads depends on how the workspace is installed.
const fs = require('fs');

exports.readTemplate = function readTemplate(name) {
  return fs.readFileSync(`examples/${name}.html`, 'utf8');
};
