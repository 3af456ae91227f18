// fixture-options: api=twin express=5
const fs = require('fs');
const express = require('express');

class Repository {
  constructor(file) {
    this.file = file;
    // Constructors cannot await: the sync forms stay for this call.
    this.cache = this.load();
  }

  load() {
    return JSON.parse(fs.readFileSync(this.file, 'utf8'));
  }
}

class UserRepository extends Repository {
  load() {
    const users = super.load();
    return users.filter((u) => u.active);
  }
}

class FixedRepository extends Repository {
  load() {
    return [];
  }
}

const app = express();
const users = new UserRepository('users.json');

app.get('/users', (req, res) => {
  res.json(users.load());
});

app.get('/fixed', (req, res) => {
  res.json(new FixedRepository('none').load());
});
