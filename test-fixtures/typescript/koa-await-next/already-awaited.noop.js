const { readFile } = require('fs/promises');
const Koa = require('koa');

const app = new Koa();
app.use(async (ctx, next) => {
  ctx.state.banner = await readFile('banner.txt', 'utf8');
  await next();
});
