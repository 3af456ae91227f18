const { readFile } = require('fs/promises');

exports.handler = async (event) => {
  const template = await readFile('template.html', 'utf8');
  return { statusCode: 200, body: template.replace('{{name}}', event.name) };
};
