var templates = (function () {
  function wrap(body) {
    return '<main>' + body + '</main>';
  }

  function layout() {
    return require('fs').readFileSync('layout.html', 'utf8');
  }

  return { wrap: wrap, layout: layout };
})();

module.exports = templates;
