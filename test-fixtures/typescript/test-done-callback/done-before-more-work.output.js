const assert = require('assert');
const express = require('express');
const { readFile } = require('fs/promises');

async function loadFixture(name) {
  return JSON.parse(await readFile(`fixtures/${name}.json`, 'utf8'));
}

const app = express();
app.get('/fixture/:name', async (req, res, next) => { try { return res.json(await loadFixture(req.params.name)); } catch (err) { next(err); } });

after(function (done) {
  (async () => {
    done();
    assert.ok(await loadFixture('user'));
  })().catch(done);
});
