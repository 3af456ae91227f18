const express = require('express');

const app = express();
app.set('title', 'demo');

function title() {
  return app.get('title');
}

module.exports = { title };
