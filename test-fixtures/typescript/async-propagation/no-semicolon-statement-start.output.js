// fixture-options: express=5
const express = require('express')
const { readFile } = require('fs/promises')

const app = express()

async function loadList(file) {
  return JSON.parse(await readFile(file, 'utf8'))
}

app.get('/items', async (req, res) => {
  const out = {}
  ;(await loadList('items.json')).forEach((item) => { out[item.id] = item })
  res.json(out)
})

module.exports = app
