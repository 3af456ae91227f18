// fixture-options: entry=all
const assert = require('assert')
const fs = require('fs')
const { EventEmitter } = require('events')

// Callbacks a test hands to a promise, an emitter or a timer are test code too: their blocking calls stay.
function renderPage(name) {
  return Promise.resolve(`<p>${name}</p>\n`)
}

describe('pages', () => {
  it('renders the page as saved', () => {
    return renderPage('home').then((html) => {
      assert.equal(html, fs.readFileSync('pages/home.html', 'utf8'))
      fs.unlinkSync('pages/home.html')
    })
  })

  it('sees the page once the bus is ready', (done) => {
    const bus = new EventEmitter()
    bus.once('ready', () => {
      assert.ok(fs.existsSync('pages/home.html'))
      done()
    })
    setTimeout(() => {
      fs.writeFileSync('pages/home.html', '<p>home</p>\n')
      bus.emit('ready')
    }, 10)
  })
})
