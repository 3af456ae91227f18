// fixture-options: express=5
const express = require('express');
const fs = require('fs');

class Endpoint {
  constructor(spec) {
    this.spec = spec;
  }

  matches(request) {
    return fs.readFileSync(this.spec.file, 'utf8') === request.body;
  }
}

class Endpoints {
  constructor() {
    this.db = {};
  }

  add(id, spec) {
    this.db[id] = new Endpoint(spec);
  }

  find(request) {
    for (const id in this.db) {
      // `this.db[id]` has no type awaitify can follow: this call would get a promise.
      const endpoint = this.db[id];
      if (endpoint.matches(request)) return id;
    }
    return null;
  }
}

// Built-ins and package values with the same member name are not candidates.
const ids = ['a', 'b'];
const found = ids.find((id) => id === 'a');

const endpoints = new Endpoints();
const app = express();
app.post('/check', (req, res) => {
  res.json({ ok: new Endpoint(req.body).matches(req) });
});
app.post('/find', (req, res) => {
  res.json({ id: endpoints.find(req), found });
});
module.exports = app;
