const { readFile, writeFile } = require('fs/promises');

module.exports = function create(options) {
  return {
    get: async function (req, res) {
      res.send(await readFile(options.dir + '/' + req.params.id, 'utf8'));
    },
    post: async function (req, res) {
      await writeFile(options.dir + '/' + req.body.id, req.body.text);
      res.sendStatus(201);
    }
  };
};
