const test = require('tape');
const fs = require('fs');
const express = require('express');

function loadFixture(name) {
  return JSON.parse(fs.readFileSync(`fixtures/${name}.json`, 'utf8'));
}

const app = express();
app.get('/fixture/:name', (req, res) => res.json(loadFixture(req.params.name)));

// tape's callback gets `t`, and awaitify cannot see tape await it: it stays sync, and so does loadFixture.
test('loads a user', (t) => {
  t.equal(loadFixture('user').name, 'Ada');
  t.end();
});
