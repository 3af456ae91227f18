// fixture-options: safety=safe
const fs = require('fs');
const Koa = require('koa');

const app = new Koa();

// Drops next()'s promise: a throw below is an unhandled rejection and the response goes out as it stands.
// Awaiting it sends the error to Koa instead (a 500): review, and the route below cannot go without it.
app.use((ctx, next) => {
  ctx.set('X-Served-By', 'shelf');
  next();
});

app.use((ctx) => {
  ctx.body = JSON.parse(fs.readFileSync('shelf.json', 'utf8'));
});
