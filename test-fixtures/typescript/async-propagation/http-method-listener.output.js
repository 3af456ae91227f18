const http = require('http');
const { readFile } = require('fs/promises');

class Stubs {
  constructor(dir) {
    this.dir = dir;
    this.server = this.server.bind(this);
  }

  async server(request, response) {
    response.end(await readFile(this.dir + request.url));
  }
}

class Admin {
  constructor(dir) {
    this.dir = dir;
  }

  async handle(request, response) {
    response.end(await readFile(this.dir + '/admin.html'));
  }
}

const admin = new Admin('admin');
http.createServer(new Stubs('stubs').server).listen(8882);
http.createServer(admin.handle.bind(admin)).listen(8889);
