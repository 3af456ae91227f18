// fixture-options: express=5
const express = require('express');

// Same method names on an object that is not a database handle.
const templates = {
  prepare(name) {
    return { get: (vars) => `${name}: ${JSON.stringify(vars)}`, all: () => [] };
  },
};

const app = express();
app.get('/t/:name', (req, res) => {
  res.send(templates.prepare(req.params.name).get(req.query));
});

module.exports = app;
