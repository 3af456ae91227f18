const commands = require('tiny-commands');
const serve = require('./serve');
const check = require('./check');

commands('preview').action(serve);
commands('check').action(check);
setTimeout(require('./check'), 10, 'README.md');
