'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { loadConfig, configuredPort } = require('../lib/config');

test('loadConfig reads the name', () => {
  assert.strictEqual(loadConfig().name, 'shop');
});

test('configuredPort is the configured port', () => {
  assert.strictEqual(configuredPort(), 8080);
});
