const http = require('http');
const serve = require('./serve');

const site = (root) => serve(root, { type: 'text/html' });

// The handler is also kept and exported: other code may call it and use what it returns.
const handler = site('public');
http.createServer(site('public')).listen(8080);

module.exports = { handler };
