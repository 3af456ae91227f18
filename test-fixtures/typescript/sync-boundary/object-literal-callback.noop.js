// fixture-options: entry=all
// Functions in object literals handed to a library: it calls them and uses
// their results synchronously, as far as awaitify can tell.
const fs = require('fs');
const parser = require('./args-parser');
const { transform } = require('some-transformer');

const options = parser.parse({
  parserConfig: {
    help: 'path to a JSON file',
    process: (file) => JSON.parse(fs.readFileSync(file)),
  },
});

const out = transform({
  process(src, filename) {
    return src + fs.readFileSync(filename + '.map', 'utf8');
  },
});

module.exports = { options, out };
