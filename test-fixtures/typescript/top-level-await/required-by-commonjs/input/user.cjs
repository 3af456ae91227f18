const { loadLib } = require('./lib.mjs');
module.exports = (app) => app.get('/lib', (req, res) => res.send(loadLib()));
