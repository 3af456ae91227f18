const fs = require('fs');
const connect = require('./connect');

// A project module named connect: its `use` is not connect's.
const app = connect();
app.use((name) => fs.readFileSync(name, 'utf8'));
