const express = require('express');
const fs = require('fs');

const app = express();
app.get('/exists', (req, res) => {
  // Checked only when asked: the callbacks cannot be awaited ahead of `&&`.
  const any = req.query.check === '1' && ['a', 'b'].some((f) => fs.statSync(f).size > 0);
  res.json({ any });
});
