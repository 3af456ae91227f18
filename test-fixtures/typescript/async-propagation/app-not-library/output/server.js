// fixture-options: express=5
const express = require('express');
const { readFile } = require('fs/promises');

// Exported for the tests only: an app's entry is not a library API.
async function loadProduct(id) {
  return JSON.parse(await readFile(`products/${id}.json`, 'utf8'));
}

const app = express();
app.get('/products/:id', async (req, res) => res.json(await loadProduct(req.params.id)));
if (require.main === module) app.listen(3000);
module.exports = { app, loadProduct };
