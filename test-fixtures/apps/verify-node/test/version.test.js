'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { packageVersion } = require('../lib/version');

test('packageVersion reads package.json', () => {
  assert.strictEqual(packageVersion(), '1.0.0');
});
