'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { messageOfTheDay } = require('../lib/motd');

test('messageOfTheDay is the file without its newline', () => {
  assert.strictEqual(messageOfTheDay(), 'Closed on Sundays.');
});
