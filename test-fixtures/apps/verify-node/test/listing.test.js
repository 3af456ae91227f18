'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { dataFiles } = require('../lib/listing');

test('dataFiles lists the data folder', () => {
  assert.deepStrictEqual(dataFiles(), ['config.json', 'greeting.txt', 'items.txt', 'motd.txt']);
});
