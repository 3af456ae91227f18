const path = require('path');
const { readFile } = require('fs/promises');

exports.load = async function load(name) {
  const text = await readFile(path.join(__dirname, name), 'utf8');
  return JSON.parse(text);
};
