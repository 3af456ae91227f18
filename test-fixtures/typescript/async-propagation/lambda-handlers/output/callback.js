const fs = require('fs');

exports.handler = (event, context, callback) => {
  callback(null, { statusCode: 200, body: fs.readFileSync('t.html', 'utf8') });
};
