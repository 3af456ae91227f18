// fixture-options: express=5
const express = require('express');
const fs = require('fs');

// Same method name, no common base: the reachable one has nothing to rewrite.
class Memory {
  load(key) {
    return key.toUpperCase();
  }
}

class Disk {
  load(key) {
    return fs.readFileSync(key, 'utf8');
  }
}

const app = express();
app.get('/k/:key', (req, res) => {
  res.send(new Memory().load(req.params.key));
});
module.exports = { Disk };
