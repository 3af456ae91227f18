const fs = require('fs');
const connect = require('connect');

// Connect middleware takes (req, res, next) and never awaits anything.
const app = connect();
app.use((req, res, next) => {
  req.banner = fs.readFileSync('banner.txt', 'utf8');
  next();
});
