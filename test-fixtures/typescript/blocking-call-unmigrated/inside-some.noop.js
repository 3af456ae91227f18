const express = require('express');
const fs = require('fs');

const app = express();
app.get('/exists', (req, res) => {
  const any = ['a', 'b'].some((f) => fs.statSync(f).size > 0);
  res.json({ any });
});
