// fixture-options: express=5
const express = require('express');
const { readFile } = require('fs/promises');

class Endpoint {
  constructor(spec) {
    this.spec = spec;
  }

  async matches(request) {
    return (await readFile(this.spec.file, 'utf8')) === request.body;
  }
}

class Endpoints {
  constructor() {
    this.db = {};
  }

  add(id, spec) {
    this.db[id] = new Endpoint(spec);
  }

  async find(request) {
    for (const id in this.db) {
      // The JSDoc type lets awaitify follow `this.db[id]` to the class.
      /** @type {Endpoint} */
      const endpoint = this.db[id];
      if (await endpoint.matches(request)) return id;
    }
    return null;
  }
}

// Built-ins with the same member name are not candidates.
const ids = ['a', 'b'];
const found = ids.find((id) => id === 'a');

const endpoints = new Endpoints();
const app = express();
app.post('/check', async (req, res) => {
  res.json({ ok: await new Endpoint(req.body).matches(req) });
});
app.post('/find', async (req, res) => {
  res.json({ id: await endpoints.find(req), found });
});
module.exports = app;
