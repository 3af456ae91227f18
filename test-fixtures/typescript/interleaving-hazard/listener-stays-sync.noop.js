const express = require('express');
const fs = require('fs');

const app = express();

app.post('/upload/:name', (req, res) => {
  const target = `uploads/${req.params.name}`;
  const out = fs.createWriteStream(target);
  // An event listener stays sync (the stream does not wait for it): no await is
  // added between the check and the removal, so they still run as one step.
  req.on('aborted', () => {
    if (fs.existsSync(target)) {
      fs.unlinkSync(target);
    }
  });
  req.pipe(out);
  out.on('finish', () => res.sendStatus(201));
});
