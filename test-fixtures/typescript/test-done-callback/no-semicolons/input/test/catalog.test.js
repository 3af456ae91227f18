/**
 * Mocha tests written without semicolons.
 */
const assert = require('assert')
const { readCatalog } = require('../lib/catalog')

describe('catalog', () => {
  it('reads a locale', (done) => {
    const en = readCatalog('en')
    assert.equal(en.hello, 'Hello')
    setTimeout(done, 10)
  })
})
