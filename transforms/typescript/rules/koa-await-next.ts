// koa-await-next: the metadata of a structural rule (its docs page is generated from it).
import type { RuleMeta } from '../../core/types.js';
import { RULE } from '../rules.js';

export const koaAwaitNextRule: RuleMeta = {
  id: RULE.koaAwaitNext,
  language: 'typescript',
  safety: 'safe',
  structural: true,
  exampleExt: 'js',
  docs: {
    summary: 'Awaits `next()` in a Koa middleware that became async.',
    whatItDoes: 'In a Koa middleware (`app.use(fn)`, koa-router routes) that became async, turns each `next();` statement into `await next();`. When some middleware became async, a sync middleware that calls `next();` without returning it becomes async and awaits it as well.',
    why: 'Koa composes middleware through promises: a middleware that does not await `next()` goes on (and may finish the response) before the downstream middleware ran, and the downstream errors never reach its try/catch.',
    example: {
      before: "const fs = require('fs');\nconst Koa = require('koa');\nconst app = new Koa();\napp.use((ctx, next) => {\n  ctx.state.banner = fs.readFileSync('banner.txt', 'utf8');\n  next();\n});\n",
      after: "const Koa = require('koa');\nconst { readFile } = require('fs/promises');\nconst app = new Koa();\napp.use(async (ctx, next) => {\n  ctx.state.banner = await readFile('banner.txt', 'utf8');\n  await next();\n});\n",
    },
    safety: 'Safe: the downstream middleware ran before this one continued when everything was synchronous; awaiting `next()` keeps that order.',
  },
};
