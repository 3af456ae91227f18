// fixture-options: api=twin express=5
const fs = require('fs');
const express = require('express');
const { readFile } = require('fs/promises');

class Repository {
  constructor(file) {
    this.file = file;
    // Constructors cannot await: the sync forms stay for this call.
    this.cache = this.load();
  }

  load() {
    return JSON.parse(fs.readFileSync(this.file, 'utf8'));
  }

  async loadAsync() {
    return JSON.parse(await readFile(this.file, 'utf8'));
  }
}

class UserRepository extends Repository {
  load() {
    const users = super.load();
    return users.filter((u) => u.active);
  }

  async loadAsync() {
    const users = await super.loadAsync();
    return users.filter((u) => u.active);
  }
}

class FixedRepository extends Repository {
  load() {
    return [];
  }

  async loadAsync() {
    return [];
  }
}

const app = express();
const users = new UserRepository('users.json');

app.get('/users', async (req, res) => {
  res.json(await users.loadAsync());
});

app.get('/fixed', async (req, res) => {
  res.json(await new FixedRepository('none').loadAsync());
});
