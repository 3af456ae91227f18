const fs = require('fs');

// Koa-shaped, but no app registers it and nothing calls it: no request reaches it.
function banner(ctx, next) {
  ctx.state.banner = fs.readFileSync('banner.txt', 'utf8');
  return next();
}

module.exports = banner;
