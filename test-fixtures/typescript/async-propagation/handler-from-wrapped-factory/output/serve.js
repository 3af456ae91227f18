const path = require('path');
const { access, readFile } = require('fs/promises');

// A static-file handler factory, wrapped below by two project factories.
module.exports = function serve(root, opts = {}) {
  return async function (req, res) {
    const file = path.join(root, req.url);
    if (!(await access(file).then(() => true, () => false))) {
      res.statusCode = 404;
      return res.end();
    }
    res.setHeader('content-type', opts.type || 'text/plain');
    res.end(await readFile(file));
  };
};
