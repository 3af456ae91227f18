// fixture-options: express=5 safety=safe
const express = require('express');
const fs = require('fs');

const app = express();
app.use(express.json());
app.post('/files', (req, res) => {
  req.body.files.forEach((file) => {
    fs.writeFileSync(`uploads/${file.name}`, file.text);
  });
  res.sendStatus(204);
});

module.exports = app;
