// Entry for `jscodeshift -t node_modules/awaitify/transforms/jscodeshift/awaitify.cjs`.
// jscodeshift loads transforms with require(); the engine is an ES module, so
// this shim imports the built module and hands each file to it.
'use strict';
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const built = pathToFileURL(path.join(__dirname, '..', '..', 'dist', 'transforms', 'jscodeshift', 'index.js')).href;
let loading;

module.exports = function awaitify(file, api, options) {
  loading = loading || import(built);
  return loading.then((mod) => mod.default(file, api, options));
};
