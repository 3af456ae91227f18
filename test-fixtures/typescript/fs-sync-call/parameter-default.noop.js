// fixture-options: entry=all
// `await` is not allowed in a parameter's default value (nor in a default of
// its destructuring pattern): the calls stay, reported as manual work.
const fs = require('fs');

function read(p, data = fs.readFileSync(p, 'utf8')) {
  return data.trim();
}

function read2(p, { enc = 'utf8', text = fs.readFileSync(p, enc) } = {}) {
  return text;
}

module.exports = { read, read2 };
