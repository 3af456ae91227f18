import assert from 'node:assert';
import { it } from 'node:test';
import express from 'express';
import { readFile } from 'node:fs/promises';

async function loadFixture(name) {
  return JSON.parse(await readFile(`fixtures/${name}.json`, 'utf8'));
}

const app = express();
app.get('/fixture/:name', async (req, res, next) => { try { return res.json(await loadFixture(req.params.name)); } catch (err) { next(err); } });

it('loads a user', (t, done) => {
  (async () => {
    assert.equal((await loadFixture('user')).name, 'Ada');
    done();
  })().catch(done);
});
