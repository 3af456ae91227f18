// fixture-options: toplevel=iife
const fs = require('fs');

function read(path) {
  return fs.readFileSync(path, 'utf8');
}

// A module with exports is never wrapped: its exports would be assigned too late.
const cached = read('cache.txt');
module.exports = { read, cached };
app.get('/x', (req, res) => res.send(read('x')));
