/**
 * Mocha tests written without semicolons.
 */
const assert = require('assert')
const { readCatalog } = require('../lib/catalog')

describe('catalog', () => {
  it('reads a locale', (done) => {
    (async () => {
      const en = await readCatalog('en')
      assert.equal(en.hello, 'Hello')
      setTimeout(done, 10)
    })().catch(done)
  })
})
