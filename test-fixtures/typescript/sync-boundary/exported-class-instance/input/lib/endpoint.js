const fs = require('fs');

class Endpoint {
  constructor(spec) {
    this.spec = spec;
    this.hits = 0;
  }

  matches(request) {
    return fs.readFileSync(this.spec.file, 'utf8') === request.body;
  }

  record() {
    this.hits++;
    fs.writeFileSync(this.spec.file + '.hits', String(this.hits));
  }
}

module.exports = Endpoint;
