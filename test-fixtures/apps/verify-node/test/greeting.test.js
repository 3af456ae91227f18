'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { readGreeting } = require('../lib/greeting');

test('readGreeting fills in the name', () => {
  assert.strictEqual(readGreeting('Ann'), 'Hello, Ann!');
});
