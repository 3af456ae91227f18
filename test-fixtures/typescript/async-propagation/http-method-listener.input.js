const http = require('http');
const fs = require('fs');

class Stubs {
  constructor(dir) {
    this.dir = dir;
    this.server = this.server.bind(this);
  }

  server(request, response) {
    response.end(fs.readFileSync(this.dir + request.url));
  }
}

class Admin {
  constructor(dir) {
    this.dir = dir;
  }

  handle(request, response) {
    response.end(fs.readFileSync(this.dir + '/admin.html'));
  }
}

const admin = new Admin('admin');
http.createServer(new Stubs('stubs').server).listen(8882);
http.createServer(admin.handle.bind(admin)).listen(8889);
