const fs = require('fs');

function audit(request, reply, done) {
  fs.appendFileSync('audit.log', request.url + '\n');
  done();
}

module.exports = { audit };
