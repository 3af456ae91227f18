// fixture-options: express=5
const fs = require('fs')
const express = require('express')

function readCatalog (locale) {
  return JSON.parse(fs.readFileSync(`locales/${locale}.json`, 'utf8'))
}

const app = express()
app.get('/catalog/:locale', (req, res) => res.json(readCatalog(req.params.locale)))

module.exports = { app, readCatalog }
