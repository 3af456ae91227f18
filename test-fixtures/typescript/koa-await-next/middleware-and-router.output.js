const Koa = require('koa');
const Router = require('@koa/router');
const { readFile, access } = require('fs/promises');

const app = new Koa();
const router = new Router();

app.use(async (ctx, next) => {
  ctx.state.banner = await readFile('banner.txt', 'utf8');
  await next();
});

app.use(async (ctx, next) => {
  const start = Date.now();
  await next();
  ctx.set('X-Time', String(Date.now() - start));
});

router.get('/users/:id', async (ctx) => {
  ctx.body = JSON.parse(await readFile(`users/${ctx.params.id}.json`, 'utf8'));
});

router.use(async (ctx, next) => {
  if (!(await access('ready').then(() => true, () => false))) {
    ctx.status = 503;
    return;
  }
  return next();
});

app.use(router.routes());
