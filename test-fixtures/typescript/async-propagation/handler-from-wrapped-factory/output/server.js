const http = require('http');
const serve = require('./serve');

const site = (root) => serve(root, { type: 'text/html' });

function docs(root) {
  return serve(root);
}

http.createServer(site('public')).listen(8080);
http.createServer(docs('docs')).listen(8081);
