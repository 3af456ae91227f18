const assert = require('assert');
const fs = require('fs');
const express = require('express');

function loadFixture(name) {
  return JSON.parse(fs.readFileSync(`fixtures/${name}.json`, 'utf8'));
}

const app = express();
app.get('/fixture/:name', (req, res) => res.json(loadFixture(req.params.name)));

after(function (done) {
  done();
  assert.ok(loadFixture('user'));
});
