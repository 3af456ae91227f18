'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { countItems } = require('../lib/inventory');

test('countItems counts the lines', () => {
  assert.strictEqual(countItems(), 3);
});
