const Koa = require('koa');

const app = new Koa();
app.use((ctx, next) => {
  ctx.set('X-Powered-By', 'koa');
  next();
});
