// fixture-options: express=5
const fs = require('fs');
const express = require('express');

// Exported for the tests only: an app's entry is not a library API.
function loadProduct(id) {
  return JSON.parse(fs.readFileSync(`products/${id}.json`, 'utf8'));
}

const app = express();
app.get('/products/:id', (req, res) => res.json(loadProduct(req.params.id)));
if (require.main === module) app.listen(3000);
module.exports = { app, loadProduct };
