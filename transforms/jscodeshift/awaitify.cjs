// Entry for `jscodeshift -t node_modules/awaitify-codemod/dist/transforms/jscodeshift/awaitify.cjs`
// (in the package) or `-t transforms/jscodeshift/awaitify.cjs` (in a checkout).
// jscodeshift loads transforms with require(); the engine is an ES module, so
// this shim imports the built module and hands each file to it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

// The package build copies this file beside the compiled index.js; in a
// checkout it sits in transforms/jscodeshift/ and the build is in dist/.
const beside = path.join(__dirname, 'index.js');
const built = pathToFileURL(fs.existsSync(beside) ? beside : path.join(__dirname, '..', '..', 'dist', 'transforms', 'jscodeshift', 'index.js')).href;
let loading;

module.exports = function awaitify(file, api, options) {
  loading = loading || import(built);
  return loading.then((mod) => mod.default(file, api, options));
};
