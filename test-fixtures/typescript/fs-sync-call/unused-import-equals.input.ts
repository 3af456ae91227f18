// fixture-options: express=5
// `import fs = require()` whose only use was rewritten goes.
import express = require('express');
import fs = require('fs');

const app = express();

app.get('/motd', (req, res) => {
  res.send(fs.readFileSync('motd.txt', 'utf8'));
});

export = app;
