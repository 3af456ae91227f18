const express = require('express');
const fs = require('fs');

class Scratch {
  constructor(dir) {
    // A constructor cannot become async: the check and the removal stay one step.
    this.lock = `${dir}/.lock`;
    if (fs.existsSync(this.lock)) {
      fs.unlinkSync(this.lock);
    }
  }
}

const app = express();

app.post('/scratch', (req, res) => {
  const scratch = new Scratch('tmp');
  res.json({ lock: scratch.lock });
});
