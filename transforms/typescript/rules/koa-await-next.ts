// koa-await-next: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const koaAwaitNextRule: RuleMeta = {
  id: RULE.koaAwaitNext,
  language: 'typescript',
  safety: 'review',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'Awaits `next()` in a Koa middleware that became async.',
    whatItDoes: 'In a Koa middleware (`app.use(fn)`, koa-router routes) that became async, turns each `next();` statement into `await next();`. When some middleware became async, a sync middleware that calls `next();` without returning it becomes async and awaits it as well.',
    why: 'Koa composes middleware through promises: a middleware that does not await `next()` goes on (and may finish the response) before the downstream middleware ran, and the downstream errors never reach its try/catch or Koa.',
    example: {
      before: "const fs = require('fs');\nconst Koa = require('koa');\nconst app = new Koa();\napp.use((ctx, next) => {\n  ctx.state.banner = fs.readFileSync('banner.txt', 'utf8');\n  next();\n});\n",
      after: "const Koa = require('koa');\nconst { readFile } = require('fs/promises');\nconst app = new Koa();\napp.use(async (ctx, next) => {\n  ctx.state.banner = await readFile('banner.txt', 'utf8');\n  await next();\n});\n",
    },
    safety:
      "Review. The order is kept: the downstream middleware ran before this one continued when everything was synchronous, and awaiting `next()` keeps that. What changes is where a downstream error goes. koa-compose (4.1) calls each middleware inside a try/catch and turns a throw into a rejected promise, which a middleware that drops `next()`'s result never sees: the error was an unhandled rejection (which ends the process under Node's default `--unhandled-rejections=throw`, unless the application listens for it), the code after `next()` still ran, and Koa sent the response as it stood (404 when nothing set a body). Awaited, the error stops this middleware and reaches Koa's error handling: it is logged and answered with its status (500 by default), or caught by a try/catch upstream.",
  },
};
