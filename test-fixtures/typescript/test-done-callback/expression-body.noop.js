const assert = require('assert');
const fs = require('fs');
const express = require('express');

function loadFixture(name) {
  return JSON.parse(fs.readFileSync(`fixtures/${name}.json`, 'utf8'));
}

const app = express();
app.get('/fixture/:name', (req, res) => res.json(loadFixture(req.params.name)));

function check(user, done) {
  assert.equal(user.name, 'Ada');
  done();
}

// An expression body cannot move into an async IIFE: the test stays sync, and so does loadFixture.
it('loads a user', (done) => check(loadFixture('user'), done));
