import assert from 'node:assert';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import express from 'express';

function loadFixture(name) {
  return JSON.parse(readFileSync(`fixtures/${name}.json`, 'utf8'));
}

const app = express();
app.get('/fixture/:name', (req, res) => res.json(loadFixture(req.params.name)));

it('loads a user', (t, done) => {
  assert.equal(loadFixture('user').name, 'Ada');
  done();
});
