var fs = require('fs');

module.exports = function create(options) {
  return {
    get: function (req, res) {
      res.send(fs.readFileSync(options.dir + '/' + req.params.id, 'utf8'));
    },
    post: function (req, res) {
      fs.writeFileSync(options.dir + '/' + req.body.id, req.body.text);
      res.sendStatus(201);
    }
  };
};
