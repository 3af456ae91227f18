const fs = require('fs');
const { readFile } = require('fs/promises');

class Endpoint {
  constructor(spec) {
    this.spec = spec;
    this.hits = 0;
  }

  async matches(request) {
    return (await readFile(this.spec.file, 'utf8')) === request.body;
  }

  record() {
    this.hits++;
    fs.writeFileSync(this.spec.file + '.hits', String(this.hits));
  }
}

module.exports = Endpoint;
