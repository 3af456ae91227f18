const fs = require('fs');

function parse(text) {
  const data = JSON.parse(text);
  if (data.extends) return { ...parse(fs.readFileSync(data.extends, 'utf8')), ...data };
  return data;
}

module.exports = { parse };
