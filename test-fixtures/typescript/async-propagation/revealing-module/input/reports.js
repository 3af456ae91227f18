module.exports = (function () {
  var fs = require('fs');

  function render(name) {
    return fs.readFileSync('reports/' + name + '.txt', 'utf8');
  }

  return {
    render: render
  };
})();
