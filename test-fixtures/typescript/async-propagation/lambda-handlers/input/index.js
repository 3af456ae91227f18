const fs = require('fs');

exports.handler = (event) => {
  const template = fs.readFileSync('template.html', 'utf8');
  return { statusCode: 200, body: template.replace('{{name}}', event.name) };
};
