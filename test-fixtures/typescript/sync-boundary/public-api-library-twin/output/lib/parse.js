const fs = require('fs');
const { readFile } = require('fs/promises');

function parse(text) {
  const data = JSON.parse(text);
  if (data.extends) return { ...parse(fs.readFileSync(data.extends, 'utf8')), ...data };
  return data;
}

async function parseAsync(text) {
  const data = JSON.parse(text);
  if (data.extends) return { ...await parseAsync(await readFile(data.extends, 'utf8')), ...data };
  return data;
}

module.exports = { parse, parseAsync };
