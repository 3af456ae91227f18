const fs = require('fs');
const Koa = require('koa');
const Router = require('@koa/router');

const app = new Koa();
const router = new Router();

app.use((ctx, next) => {
  ctx.state.banner = fs.readFileSync('banner.txt', 'utf8');
  next();
});

app.use(async (ctx, next) => {
  const start = Date.now();
  await next();
  ctx.set('X-Time', String(Date.now() - start));
});

router.get('/users/:id', (ctx) => {
  ctx.body = JSON.parse(fs.readFileSync(`users/${ctx.params.id}.json`, 'utf8'));
});

router.use((ctx, next) => {
  if (!fs.existsSync('ready')) {
    ctx.status = 503;
    return;
  }
  return next();
});

app.use(router.routes());
