// fixture-options: express=5
const express = require('express')
const { readFile } = require('fs/promises')

async function readCatalog (locale) {
  return JSON.parse(await readFile(`locales/${locale}.json`, 'utf8'))
}

const app = express()
app.get('/catalog/:locale', async (req, res) => res.json(await readCatalog(req.params.locale)))

module.exports = { app, readCatalog }
