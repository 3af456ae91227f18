const { readFile } = require('fs/promises');

module.exports = (function () {

  async function render(name) {
    return await readFile('reports/' + name + '.txt', 'utf8');
  }

  return {
    render: render
  };
})();
