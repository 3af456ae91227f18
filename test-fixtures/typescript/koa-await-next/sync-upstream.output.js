const Koa = require('koa');
const { readFile } = require('fs/promises');

const app = new Koa();

// Sync, and it does not return next(): once the route below is async, Koa would answer too early.
app.use(async (ctx, next) => {
  ctx.state.started = Date.now();
  await next();
  ctx.set('X-Elapsed', String(Date.now() - ctx.state.started));
});

// Returns next(): the promise reaches Koa already.
app.use((ctx, next) => next());

app.use(async (ctx) => {
  ctx.body = await readFile('index.html', 'utf8');
});
