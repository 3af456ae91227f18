// fixture-options: entry=all
const assert = require('assert')
const fs = require('fs')

// Test code serves no request: its own blocking calls stay, so nothing can run between these steps.
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'))

describe('catalog', () => {
  after(() => {
    fs.unlinkSync('catalog/en.json')
    fs.rmdirSync('catalog')
  })

  it('writes the catalog', () => {
    assert.equal(readJson('catalog/en.json').hello, 'Hello')
  })
})
