const fs = require('fs');

// Not Express: a plain object with a `get` method.
const app = {
  routes: {},
  get(path, fn) {
    this.routes[path] = fn;
  },
};

app.get('/config', () => fs.readFileSync('config.json', 'utf8'));
