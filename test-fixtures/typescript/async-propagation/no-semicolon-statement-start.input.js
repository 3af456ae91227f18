// fixture-options: express=5
const express = require('express')
const fs = require('fs')

const app = express()

function loadList(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'))
}

app.get('/items', (req, res) => {
  const out = {}
  loadList('items.json').forEach((item) => { out[item.id] = item })
  res.json(out)
})

module.exports = app
