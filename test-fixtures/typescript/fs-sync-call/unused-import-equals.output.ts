// fixture-options: express=5
// `import fs = require()` whose only use was rewritten goes.
import express = require('express');
import { readFile } from 'fs/promises';

const app = express();

app.get('/motd', async (req, res) => {
  res.send(await readFile('motd.txt', 'utf8'));
});

export = app;
