const fs = require('fs');
const Koa = require('koa');

const app = new Koa();

// Sync, and it does not return next(): once the route below is async, Koa would answer too early.
app.use((ctx, next) => {
  ctx.state.started = Date.now();
  next();
  ctx.set('X-Elapsed', String(Date.now() - ctx.state.started));
});

// Returns next(): the promise reaches Koa already.
app.use((ctx, next) => next());

app.use((ctx) => {
  ctx.body = fs.readFileSync('index.html', 'utf8');
});
