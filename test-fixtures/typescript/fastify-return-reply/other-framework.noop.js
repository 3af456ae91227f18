const fs = require('fs');
const restify = require('restify');

// Not Fastify: a restify server has its own (callback) handler contract.
const server = restify.createServer();
server.get('/config', (req, res, next) => {
  res.send(fs.readFileSync('config.json', 'utf8'));
  next();
});
