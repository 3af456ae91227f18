const fs = require('fs');
const path = require('path');

// A static-file handler factory, wrapped below by two project factories.
module.exports = function serve(root, opts = {}) {
  return function (req, res) {
    const file = path.join(root, req.url);
    if (!fs.existsSync(file)) {
      res.statusCode = 404;
      return res.end();
    }
    res.setHeader('content-type', opts.type || 'text/plain');
    res.end(fs.readFileSync(file));
  };
};
