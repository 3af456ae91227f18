// Metadata of the structural JS/TS rules: the ones that carry async through the
// call graph and repair what breaks when a function becomes async. The blocking
// call rewrites themselves are catalog rows (transforms/typescript/blocking).
import type { RuleMeta } from '../core/types.js';

export const RULE = {
  asyncPropagation: 'async-propagation',
  returnAwaitInTry: 'return-await-in-try',
  forEachAsyncCallback: 'foreach-async-callback',
  mapAsyncCallback: 'map-async-callback',
  predicateAsyncCallback: 'predicate-async-callback',
  asyncCallbackBoundary: 'async-callback-boundary',
  syncBoundary: 'sync-boundary',
  blockingCallUnmigrated: 'blocking-call-unmigrated',
  express4AsyncErrors: 'express4-async-errors',
  fastifyReturnReply: 'fastify-return-reply',
  fastifyHookDone: 'fastify-hook-done',
  nestOnModuleInit: 'nest-on-module-init',
  koaAwaitNext: 'koa-await-next',
  topLevelAwait: 'top-level-await',
  toplevelAsyncIife: 'toplevel-async-iife',
  parallelAwaits: 'parallel-awaits',
  interleavingHazard: 'interleaving-hazard',
} as const;

export const structuralRules: RuleMeta[] = [
  {
    id: RULE.asyncPropagation,
    language: 'typescript',
    safety: 'safe',
    structural: true,
    exampleExt: 'js',
    docs: {
      summary: 'Makes every function that must await something async, and awaits every call of a function that became async.',
      whatItDoes:
        'Inserts `async` on functions that now await (declarations, expressions, arrows, class and object methods), `await` at their call sites (parenthesised where precedence needs it), and turns a TypeScript return annotation `T` into `Promise<T>`. Under `--api twin`, a function that some caller cannot await (a constructor, a getter, a sync callback, module top level) keeps its sync form under its old name and gains an async twin `<name>Async` beside it, exported the same way (`export`, `export { }`, `module.exports = { }`, `exports.x =`); callers that can await call the twin, so code outside the codebase that imports the old name keeps working. Methods that override or implement one another are twinned together, and interface and abstract signatures gain `<name>Async(...): Promise<T>`; barrels that re-export the function re-export its twin (`export { f, fAsync } from`, CommonJS objects; `export *` needs nothing).',
      why: 'A function that calls an async function without awaiting it gets a pending promise instead of the value, and a bare call becomes a floating promise whose errors nobody sees.',
      example: {
        before: "// fixture-options: express=5\nconst fs = require('fs');\nconst express = require('express');\n\nfunction loadUser(id) {\n  return JSON.parse(fs.readFileSync(`users/${id}.json`, 'utf8'));\n}\n\nconst app = express();\napp.get('/users/:id', (req, res) => {\n  res.json(loadUser(req.params.id));\n});\n",
        after: "// fixture-options: express=5\nconst express = require('express');\nconst { readFile } = require('fs/promises');\n\nasync function loadUser(id) {\n  return JSON.parse(await readFile(`users/${id}.json`, 'utf8'));\n}\n\nconst app = express();\napp.get('/users/:id', async (req, res) => {\n  res.json(await loadUser(req.params.id));\n});\n",
      },
      safety: 'Safe: the function returned a value and now returns a promise of it, and every caller awaits it. Callers that cannot await (constructors, getters, sync callbacks, module top level) keep the function sync instead (see sync-boundary). An awaited call that lies between a check and its act, or a read and a write of shared state, is review, and is not inserted under `--safety safe` (see interleaving-hazard). A function handed to `setInterval` is review too: once it awaits, the next tick can start it while a run is still in progress, which never happened while it was sync; under `--safety safe` it keeps its sync form.',
    },
  },
  {
    id: RULE.returnAwaitInTry,
    language: 'typescript',
    safety: 'review',
    structural: true,
    exampleExt: 'js',
    docs: {
      summary: 'Awaits a returned promise inside `try` of a function that became async.',
      whatItDoes: 'Turns `return promise` into `return await promise` inside the `try` block of a function that became async.',
      why: '`return p` inside `try` hands the promise to the caller before it settles, so the `catch` never sees its rejection; `return await p` keeps the rejection inside the `try`.',
      example: {
        before: "// fixture-options: express=5\nconst fs = require('fs');\nconst express = require('express');\n\nfunction loadSettings() {\n  const name = fs.readFileSync('settings-name.txt', 'utf8').trim();\n  try {\n    return fetch(`https://config.example/${name}`).then((r) => r.json());\n  } catch (err) {\n    return {};\n  }\n}\n\nconst app = express();\napp.get('/settings', (req, res) => {\n  res.json(loadSettings());\n});\n",
        after: "// fixture-options: express=5\nconst express = require('express');\nconst { readFile } = require('fs/promises');\n\nasync function loadSettings() {\n  const name = (await readFile('settings-name.txt', 'utf8')).trim();\n  try {\n    return await fetch(`https://config.example/${name}`).then((r) => r.json());\n  } catch (err) {\n    return {};\n  }\n}\n\nconst app = express();\napp.get('/settings', async (req, res) => {\n  res.json(await loadSettings());\n});\n",
      },
      safety: 'Review: the value is the same, but the behaviour on failure changes: a rejection that used to reach the caller is now handled by the `catch` block the code already has (which is usually what its author meant), and a `finally` block now runs after the promise settles instead of before. Under `--safety safe` the `return` stays as it was, which keeps the old behaviour: the caller awaits the returned promise either way.',
    },
  },
  {
    id: RULE.forEachAsyncCallback,
    language: 'typescript',
    safety: 'safe',
    structural: true,
    exampleExt: 'js',
    docs: {
      summary: 'Turns `arr.forEach(cb)` whose callback must await into a `for...of` loop.',
      whatItDoes: 'Rewrites `arr.forEach((x) => { ... })` as `for (const x of arr) { ... }` (with `.entries()` when the index is used), turning `return;` in the callback into `continue;`.',
      why: '`forEach` ignores the promises an async callback returns: the iterations run concurrently, the caller continues before they finish, and their errors are unhandled rejections.',
      example: {
        before: "// fixture-options: express=5\nconst fs = require('fs');\nconst express = require('express');\n\nconst app = express();\napp.post('/items', (req, res) => {\n  const items = JSON.parse(req.body.items);\n  items.forEach((item) => {\n    fs.writeFileSync(`items/${item.id}.json`, JSON.stringify(item));\n  });\n  res.sendStatus(204);\n});\n",
        after: "// fixture-options: express=5\nconst express = require('express');\nconst { writeFile } = require('fs/promises');\n\nconst app = express();\napp.post('/items', async (req, res) => {\n  const items = JSON.parse(req.body.items);\n  for (const item of items) {\n    await writeFile(`items/${item.id}.json`, JSON.stringify(item));\n  }\n  res.sendStatus(204);\n});\n",
      },
      safety: 'Safe when the receiver is an array and the callback does not add to or remove from it; review otherwise (a Map iterates entries, not values; for...of sees elements added during the loop, which forEach skips), and review when the loop now awaits between a read and a write of shared state (see interleaving-hazard). Callbacks that use `this`, `arguments`, `return value`, a third parameter or `return` inside a nested loop are left alone with a manual finding. Under `--safety safe` a loop whose rewrite would be review keeps its callback sync, with its blocking calls reported.',
    },
  },
  {
    id: RULE.mapAsyncCallback,
    language: 'typescript',
    safety: 'review',
    structural: true,
    exampleExt: 'js',
    docs: {
      summary: 'Wraps `arr.map(cb)` whose callback became async in `await Promise.all(...)`.',
      whatItDoes: 'Rewrites `arr.map(cb)` as `await Promise.all(arr.map(cb))` when the callback becomes async.',
      why: 'An async callback makes `map` return an array of promises; the code that used the values would get promises.',
      example: {
        before: "// fixture-options: express=5\nconst fs = require('fs');\nconst express = require('express');\n\nconst app = express();\napp.get('/files', (req, res) => {\n  const names = req.query.names.split(',');\n  res.json(names.map((name) => fs.readFileSync(`files/${name}`, 'utf8')));\n});\n",
        after: "// fixture-options: express=5\nconst express = require('express');\nconst { readFile } = require('fs/promises');\n\nconst app = express();\napp.get('/files', async (req, res) => {\n  const names = req.query.names.split(',');\n  res.json(await Promise.all(names.map(async (name) => await readFile(`files/${name}`, 'utf8'))));\n});\n",
      },
      safety: 'Safe when each callback only returns the awaited value; review otherwise, because the callbacks now run concurrently, interleaving their side effects. Under `--safety safe` such a callback keeps its sync form (its blocking calls are reported), so no async callback is left inside a map that is not awaited.',
    },
  },
  {
    id: RULE.predicateAsyncCallback,
    language: 'typescript',
    safety: 'review',
    structural: true,
    exampleExt: 'js',
    docs: {
      summary: 'Awaits the callbacks of `filter`, `some`, `every`, `find` and `findIndex` first when they must become async, and lets the array method read their answers.',
      whatItDoes:
        "Rewrites `const xs2 = xs.filter(cb)` as `const keep = await Promise.all(xs.map(cb)); const xs2 = xs.filter((_, i) => keep[i]);` (`find` likewise; `some`, `every` and `findIndex` read `keep.some(Boolean)` and so on). A receiver that is not a plain name is evaluated once into `const items = ...` first. The callback's text stays where it is, so the rewrites inside it apply as usual. Only where the statement allows it: the call is not in a branch that may not run (`?:`, `&&`, `||`, `??`), nothing else in the statement runs before it, the statement is a declaration, expression, `return`, `throw` or an `if` condition directly in a block, and there is no `thisArg`; elsewhere the callback stays sync with a finding.",
      why: 'These methods use the callback\'s answer at once: an async callback returns a promise, which is always truthy, so `filter` would keep everything and `find` would return the first element.',
      example: {
        before: "// fixture-options: express=5\nconst fs = require('fs');\nconst path = require('path');\nconst express = require('express');\n\nconst app = express();\napp.get('/sites', (req, res) => {\n  const names = fs.readdirSync('sites');\n  const built = names.filter((name) => fs.existsSync(path.join('sites', name, 'index.html')));\n  res.json(built);\n});\n",
        after: "// fixture-options: express=5\nconst path = require('path');\nconst express = require('express');\nconst { readdir, access } = require('fs/promises');\n\nconst app = express();\napp.get('/sites', async (req, res) => {\n  const names = await readdir('sites');\n  const keep = await Promise.all(names.map(async (name) => await access(path.join('sites', name, 'index.html')).then(() => true, () => false)));\n  const built = names.filter((_, i) => keep[i]);\n  res.json(built);\n});\n",
      },
      safety: 'Review: every callback now runs, all at once, before the method reads the answers. `some`, `every`, `find` and `findIndex` used to stop at the first decisive answer, and sequential callbacks now interleave their side effects. It assumes the receiver is an array where awaitify cannot tell (the finding says so). Under `--safety safe` the callback keeps its sync form, with its blocking calls reported.',
    },
  },
  {
    id: RULE.asyncCallbackBoundary,
    language: 'typescript',
    safety: 'manual',
    structural: true,
    exampleExt: 'js',
    docs: {
      summary: 'Reports a callback that would have to become async but is handed to code that needs a synchronous result.',
      whatItDoes: 'Reports `filter`, `some`, `every`, `find`, `reduce`, `sort` and similar callbacks, JSON revivers and sync-only listeners whose body calls something that became async.',
      why: 'These callers use the callback\'s return value at once: an async callback returns a promise, which is always truthy (`filter`, `some`, `find`) or not a number (`sort`).',
      example: {
        before: "// fixture-options: express=5\nconst fs = require('fs');\nconst express = require('express');\n\nconst app = express();\napp.get('/present', (req, res) => {\n  const names = req.query.names.split(',');\n  res.json(req.query.all ? names : names.filter((name) => fs.existsSync(`files/${name}`)));\n});\n",
        after: "// manual: find the flags first, then filter synchronously\napp.get('/present', async (req, res) => {\n  const names = req.query.names.split(',');\n  if (req.query.all) return res.json(names);\n  const present = await Promise.all(names.map((name) => access(`files/${name}`).then(() => true, () => false)));\n  res.json(names.filter((_, i) => present[i]));\n});\n",
      },
      safety: 'Manual: awaitify does not rewrite these; the message says what to do.',
    },
  },
  {
    id: RULE.syncBoundary,
    language: 'typescript',
    safety: 'manual',
    structural: true,
    exampleExt: 'js',
    docs: {
      summary: 'Reports where async propagation stops: a constructor, getter, setter, generator or module top level calls something that would become async.',
      whatItDoes: 'Names the function that stays sync (under `--api replace`) and the call site that prevents the change, with what to do about it. A function also stays sync when some of its calls may be hidden from awaitify: a call on a value it cannot resolve names the same method (`endpoint.matches(data)` with `endpoint` read from `this.db[id]`), or its reference escapes to where calls cannot be followed (read by a computed name as `obj[name]`, its object handed to a package, returned or stored, the function itself stored in an array or on an unknown object). A library\'s public API stays sync too: in a package that is published (not `"private": true`), declares an entry (`main`, `exports`, or the default `index.js`) and is not an app (no `start` script, no `.listen(` in its entry, not only a `bin`), every function the entry exports (named and default exports, `module.exports`, re-exports, methods of exported objects and classes, what an exported factory returns) is called by the package\'s users: the finding names the function and the entry (under `--api twin` it keeps its sync form beside an async twin).',
      why: 'Constructors, getters and setters cannot be async, module top level does not await (CommonJS cannot, and an ES module with top-level await cannot be require()d), and a library\'s users expect its exported functions to return values; making the callee async would silently hand them a promise. A call awaitify cannot see would get a promise too, which is always truthy and fails nowhere near the cause.',
      example: {
        before: "// fixture-options: express=5\nconst fs = require('fs');\nconst express = require('express');\n\nfunction loadConfig() {\n  return JSON.parse(fs.readFileSync('config.json', 'utf8'));\n}\n\nclass Config {\n  constructor() {\n    this.data = loadConfig();\n  }\n}\n\nconst app = express();\napp.get('/config', (req, res) => res.json(loadConfig()));\nmodule.exports = { Config };\n",
        after: "// manual: load before constructing, in an async factory\nclass Config {\n  constructor(data) {\n    this.data = data;\n  }\n\n  static async create() {\n    return new Config(await loadConfig());\n  }\n}\n",
      },
      safety: 'Manual: the callee stays sync so no caller breaks; `--api twin` keeps a sync twin beside the async function instead.',
    },
  },
  {
    id: RULE.blockingCallUnmigrated,
    language: 'typescript',
    safety: 'manual',
    structural: true,
    exampleExt: 'js',
    docs: {
      summary: 'Reports a blocking call reachable from a handler that was left as it was.',
      whatItDoes: 'Reports each blocking call on a request path whose function had to stay sync, with the reason.',
      why: 'The call still blocks the event loop for every request; the report says which boundary kept it.',
      example: {
        before: "// fixture-options: express=5\nconst fs = require('fs');\nconst express = require('express');\n\nclass Store {\n  get data() {\n    return fs.readFileSync('data.json', 'utf8');\n  }\n}\n\nconst app = express();\nconst store = new Store();\napp.get('/data', (req, res) => res.send(store.data));\n",
        after: "// manual: replace the getter with an async method\nclass Store {\n  async getData() {\n    return readFile('data.json', 'utf8');\n  }\n}\n\napp.get('/data', async (req, res) => res.send(await store.getData()));\n",
      },
      safety: 'Manual: nothing is changed.',
    },
  },
  {
    id: RULE.express4AsyncErrors,
    language: 'typescript',
    safety: 'safe',
    structural: true,
    exampleExt: 'js',
    minTargets: {},
    docs: {
      summary: 'Forwards errors of Express 4 handlers that became async to `next`.',
      whatItDoes: 'Wraps the body of a handler that became async in `try { ... } catch (err) { next(err); }`, adding the `next` parameter when it is missing. Not applied under Express 5, which forwards rejections itself.',
      why: 'Express 4 ignores the promise an async handler returns: a thrown error no longer reaches the error middleware, the request hangs and the rejection is unhandled.',
      example: {
        before: "// fixture-options: express=4\nconst fs = require('fs');\nconst express = require('express');\n\nconst app = express();\napp.get('/a', (req, res) => {\n  res.send(fs.readFileSync('a.txt', 'utf8'));\n});\n",
        after: "// fixture-options: express=4\nconst express = require('express');\nconst { readFile } = require('fs/promises');\n\nconst app = express();\napp.get('/a', async (req, res, next) => {\n  try {\n    res.send(await readFile('a.txt', 'utf8'));\n  } catch (err) {\n    next(err);\n  }\n});\n",
      },
      safety: 'Safe: errors that used to reach the error middleware synchronously reach it through `next(err)`; an error-handling middleware (four parameters) that fails hands its own error to the next one. Handlers whose whole body is already a try/catch are left alone.',
    },
  },
  {
    id: RULE.fastifyReturnReply,
    language: 'typescript',
    safety: 'safe',
    structural: true,
    exampleExt: 'js',
    docs: {
      summary: 'Makes a Fastify handler that became async and calls `reply.send()` resolve with `reply`.',
      whatItDoes:
        'In a Fastify route handler (`fastify.get/post/...`, `fastify.route({ handler })`, routes of plugins) that became async and answers through `reply.send()` (or `redirect`, `view`, `sendFile`), turns bare `return;` into `return reply;` and adds `return reply;` where the body can run off its end. Handlers that return their payload are left alone. The same holds for `onRequest`, `preValidation` and `preHandler` hooks that answer early; payload hooks (`preParsing`, `preSerialization`, `onSend`) resolve with their payload and are left alone.',
      why: 'Fastify sends what an async handler resolves to. A handler that calls `reply.send()` and then resolves `undefined` makes Fastify try to send a second time ("Reply was already sent"); returning `reply` tells it the response is handled.',
      example: {
        before: "const fs = require('fs');\nconst fastify = require('fastify')();\nfastify.get('/config', (request, reply) => {\n  reply.send(fs.readFileSync('config.json', 'utf8'));\n});\n",
        after: "const fastify = require('fastify')();\nconst { readFile } = require('fs/promises');\nfastify.get('/config', async (request, reply) => {\n  reply.send(await readFile('config.json', 'utf8'));\n  return reply;\n});\n",
      },
      safety: 'Safe: the response is the one the handler sent; only the promise now resolves with `reply`, as Fastify requires.',
    },
  },
  {
    id: RULE.nestOnModuleInit,
    language: 'typescript',
    safety: 'review',
    structural: true,
    exampleExt: 'ts',
    docs: {
      summary: "Moves blocking I/O out of a NestJS provider's constructor into `async onModuleInit()`.",
      whatItDoes:
        "In a class decorated `@Injectable()` or `@Controller()` from @nestjs/common, the constructor's trailing `this.x = ...;` statements move into a new `async onModuleInit()` when one of them now awaits something (a blocking call rewritten to its async form, or a call of a function that became async). The move is in place: the constructor ends before the first moved statement (and goes entirely when nothing stays and it has no parameters). Parameter properties are read through `this`; in TypeScript, property declarations without initializer get a definite-assignment `!`, and the class gets `implements OnModuleInit` with its import (so does a JavaScript class that already has an implements clause). The tail stops at the first statement that cannot move: anything that is not a `this.x = ...` assignment, an assignment that uses the constructor's own locals or plain parameters, `super` or `arguments`, a readonly property (only the constructor may assign it); blocking calls left in the constructor are reported with that reason. A class that already has an `onModuleInit` method gets the moved statements in a new private `initFromConstructor()` instead, which its `onModuleInit` awaits first (made async, `void` becoming `Promise<void>`), unless project code calls `onModuleInit()` itself or it returns a value.",
      why: 'Nest constructs providers synchronously, so a constructor cannot await, and its blocking I/O stalls startup. Nest awaits `onModuleInit()` of every provider before the application starts serving requests: I/O there can be asynchronous.',
      example: {
        before:
          "import { Injectable } from '@nestjs/common';\nimport { readFileSync } from 'node:fs';\n\n@Injectable()\nexport class SettingsService {\n  private settings: Record<string, string>;\n\n  constructor() {\n    this.settings = JSON.parse(readFileSync('settings.json', 'utf8'));\n  }\n}\n",
        after:
          "import { Injectable, OnModuleInit } from '@nestjs/common';\nimport { readFile } from 'node:fs/promises';\n\n@Injectable()\nexport class SettingsService implements OnModuleInit {\n  private settings!: Record<string, string>;\n\n  async onModuleInit(): Promise<void> {\n    this.settings = JSON.parse(await readFile('settings.json', 'utf8'));\n  }\n}\n",
      },
      safety: 'Review: the moved properties are assigned later than before, when Nest initialises the module instead of when it constructs the provider. Code that reads them in between (another provider\'s constructor calling into this one) sees them unset, and a test that compiles a testing module must call `init()` for `onModuleInit` to run. A class that project code constructs with `new` (outside Nest, where `onModuleInit` never runs) keeps its constructor, with a manual finding.',
    },
  },
  {
    id: RULE.fastifyHookDone,
    language: 'typescript',
    safety: 'safe',
    structural: true,
    exampleExt: 'js',
    docs: {
      summary: 'Drops the `done` callback of a Fastify hook that became async, turning its `done(...)` calls into `return` and `throw`.',
      whatItDoes:
        "For a Fastify hook (`addHook('onRequest' | 'preHandler' | 'onSend' | ...)`, route-level `preHandler`/`onRequest` options, application hooks such as `onClose`) that became async and declares `done`: removes the `done` parameter and rewrites each call after which the hook ends — the last statement, `return done(...)`, `done(...); return;`, the end of a branch that ends the hook. `done()` becomes `return;` (or goes, as the last statement), `done(null, payload)` in `preParsing`/`preSerialization`/`onSend` becomes `return payload;`, and `done(new Error(...))` or `done(err)` under `if (err)` becomes `throw`. In `onRequest`/`preValidation`/`preHandler` hooks that answer with `reply.send()` and do not call `done` on that path, the path resolves with `reply`. A hook whose `done` is called from a callback, inside try/catch or a loop, handed on, or given an error that may be null stays sync, with a manual finding that says which call.",
      why: 'Fastify refuses to register an async hook that also declares `done` (FST_ERR_HOOK_INVALID_ASYNC_HANDLER): an async hook signals completion by resolving or rejecting, and calling `done` as well would run the rest of the request twice.',
      example: {
        before: "const fs = require('fs');\nconst fastify = require('fastify')();\nfastify.addHook('onRequest', (request, reply, done) => {\n  request.motd = fs.readFileSync('motd.txt', 'utf8');\n  done();\n});\n",
        after: "const fastify = require('fastify')();\nconst { readFile } = require('fs/promises');\nfastify.addHook('onRequest', async (request, reply) => {\n  request.motd = await readFile('motd.txt', 'utf8');\n});\n",
      },
      safety: 'Safe: only calls after which the hook ends are rewritten, into the return or rejection that means the same to Fastify; an error argument becomes `throw` only where it cannot be null.',
    },
  },
  {
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
  },
  {
    id: RULE.topLevelAwait,
    language: 'typescript',
    safety: 'review',
    structural: true,
    exampleExt: 'mjs',
    docs: {
      summary: 'With `--toplevel await`, awaits a function that became async at the top level of an ES module that nothing in the project require()s.',
      whatItDoes:
        'Only with `--toplevel await` (or `--toplevel iife`): in an ES module (`.mjs`/`.mts`, or `.js`/`.ts` in a `"type": "module"` package) that no project file loads with `require()`, a top-level call of a function that became async gets `await` (top-level await), instead of keeping the function sync. By default module top level never awaits: a function that top-level code calls keeps its sync form (sync-boundary, or a twin under `--api twin`), and one that only start-up code calls is left alone (startup-only-io). Never applied under `--safety safe`.',
      why: 'Top-level code that calls a function which now returns a promise would get the promise instead of the value, so either the function stays sync or the top level awaits it. Awaiting there is an opt-in because it changes how the module loads.',
      example: {
        before: "// fixture-options: toplevel=await\nimport express from 'express';\nimport { readFileSync } from 'node:fs';\n\nfunction loadConfig() {\n  return JSON.parse(readFileSync('config.json', 'utf8'));\n}\n\nconst config = loadConfig();\nconst app = express();\napp.get('/config', (req, res) => {\n  res.json(loadConfig());\n});\n",
        after: "import express from 'express';\nimport { readFile } from 'node:fs/promises';\n\nasync function loadConfig() {\n  return JSON.parse(await readFile('config.json', 'utf8'));\n}\n\nconst config = await loadConfig();\nconst app = express();\napp.get('/config', async (req, res, next) => {\n  try {\n    res.json(await loadConfig());\n  } catch (err) {\n    next(err);\n  }\n});\n",
      },
      safety: "Review: the module evaluates to the same values and modules that import it wait for it, but a module with top-level await cannot be loaded with `require()`: Node 20.19+ and 22.12+ throw ERR_REQUIRE_ASYNC_MODULE, so jest's globalSetup, migrate-style and config loaders and CommonJS packages outside the project that require() it break. awaitify sees only the project's own require() calls.",
    },
  },
  {
    id: RULE.toplevelAsyncIife,
    language: 'typescript',
    safety: 'review',
    structural: true,
    exampleExt: 'js',
    docs: {
      summary: 'With `--toplevel iife`, wraps the top level of a CommonJS script that must await in an async IIFE.',
      whatItDoes:
        'For a CommonJS module without exports (a script: a CLI, a job, a migration) whose top level calls a function that became async, moves the statements after its requires into `(async () => { ... })().catch((err) => { console.error(err); process.exitCode = 1; });`, re-indented, and awaits the calls inside. Only with `--toplevel iife` (which also gives ES modules top-level await, as `--toplevel await` does), never under `--safety safe`; modules with exports are never wrapped (their exports would be assigned too late). By default start-up code stays sync (startup-only-io).',
      why: 'CommonJS has no top-level await; without the wrapper the function has to stay sync (and keep blocking), or the script would use a promise as the value.',
      example: {
        before: "// fixture-options: toplevel=iife entry=all\nconst fs = require('fs');\n\nfunction readJob(path) {\n  return JSON.parse(fs.readFileSync(path, 'utf8'));\n}\n\nconst job = readJob(process.argv[2]);\nconsole.log(job.name);\n",
        after: "const { readFile } = require('fs/promises');\n\n(async () => {\n  async function readJob(path) {\n    return JSON.parse(await readFile(path, 'utf8'));\n  }\n\n  const job = await readJob(process.argv[2]);\n  console.log(job.name);\n})().catch((err) => {\n  console.error(err);\n  process.exitCode = 1;\n});\n",
      },
      safety: 'Review: the script does the same work in the same order, but everything after the first await runs in later event-loop turns, and an error now sets the exit code instead of crashing with an uncaught exception. Under `--safety safe` the top level is not wrapped, so the functions it calls keep their sync form.',
    },
  },
  {
    id: RULE.parallelAwaits,
    language: 'typescript',
    safety: 'review',
    optIn: true,
    exampleExt: 'js',
    docs: {
      summary: 'Opt-in: runs consecutive independent awaits together with `await Promise.all([...])`.',
      whatItDoes:
        'Finds consecutive statements that each await one call (`const a = await f();`, `await g();`) where no later call reads an earlier result, and every call is trusted to only read (fs/promises reads, `fetch` without a method or body, methods named get/find/read/load/list/..., project functions that only compute locally and make such calls), and rewrites them as one `const [a, b] = await Promise.all([f(), g()]);`. Statements with type annotations, comments between them, or edits from other rules are left alone. Runs only when selected with `--rules parallel-awaits`.',
      why: 'Sequential awaits of independent I/O add their latencies; started together, a handler waits only as long as the slowest call.',
      example: {
        before: "// fixture-options: rules=parallel-awaits\nasync function profile(id) {\n  const user = await fetch(`/users/${id}`);\n  const posts = await fetch(`/users/${id}/posts`);\n  return { user, posts };\n}\n",
        after: "async function profile(id) {\n  const [user, posts] = await Promise.all([fetch(`/users/${id}`), fetch(`/users/${id}/posts`)]);\n  return { user, posts };\n}\n",
      },
      safety: 'Review: the calls now overlap in time (a server sees them concurrently), and when several fail, the rejection thrown is the first to happen rather than the first call\'s. Calls that write are never grouped, but "only reads" is judged from names for code awaitify cannot see.',
    },
  },
  {
    id: RULE.interleavingHazard,
    language: 'typescript',
    safety: 'review',
    structural: true,
    exampleExt: 'js',
    docs: {
      summary: 'Reports a new await point that splits a check from its act, or a read from its write, of the same file or shared state.',
      whatItDoes:
        'For each function being migrated, finds the await points the migration adds (rewritten blocking calls, awaited calls of functions that became async, loops that now await) and checks whether one lies between two related operations that used to run without interruption: a check and the act that depends on it (`existsSync(p)` then `mkdirSync(p)` or `writeFileSync(p)`, `statSync(p)` then `unlinkSync(p)`), a read and a write of the same file (`readFileSync(db)` ... `writeFileSync(db, ...)`), or shared state read before and written after (a module-level or closure `let`, a property of a module-level object, a `Map`/`Set`/array changed through its methods, `this.x`). Paths are compared by their normalised text, state by the declaration its name resolves to. Only pairs on one path of a call count, read from the structure of the code: the two branches of an `if`, of `?:` or of a `switch` never pair, nor does anything past a `return` or `throw` (unless a `catch` or `finally` on the way leads on), and inside a loop an access late in the body pairs with an earlier one of the next iteration; a window counts only the await points on such a path. A call counts as what the function it calls does (three calls deep) to paths that are literals or module-level bindings and to module-level state: `const todos = readTodos(); ...; writeTodos(todos);` is a read and a write of the file both helpers name. Each such pair is reported with both lines and the standard pattern that keeps the operation atomic where there is one; the rewrites and awaits inside the window become `review`. `if (!existsSync(p)) mkdirSync(p);` is rewritten as a whole into `await mkdir(p, { recursive: true });`, and `if (!existsSync(p)) writeFileSync(p, data);` into `await writeFile(p, data, { flag: \'wx\' })` with its EEXIST ignored: the act does the check itself, so nothing can come between them. Under `--safety safe` none of it is applied: a blocking call in the window stays as it is, and an awaited call in the window keeps its callee sync at that call (with `--api twin`, the sync twin), so no function is left half-migrated.',
      why: 'Synchronous code runs to completion before any other request is served, so a check and its act, or a read-modify-write, were atomic. An `await` between them lets another request run in the middle: both see a directory missing and the second mkdir fails, both read the JSON file and the second write loses the first update, both see a cache unset and both load it.',
      example: {
        before: "// fixture-options: express=5\nconst fs = require('fs');\nconst express = require('express');\n\nconst app = express();\napp.post('/visits', (req, res) => {\n  const db = JSON.parse(fs.readFileSync('visits.json', 'utf8'));\n  db.count += 1;\n  fs.writeFileSync('visits.json', JSON.stringify(db));\n  res.json(db);\n});\n",
        after: "// fixture-options: express=5\nconst express = require('express');\nconst { readFile, writeFile } = require('fs/promises');\n\nconst app = express();\napp.post('/visits', async (req, res) => {\n  const db = JSON.parse(await readFile('visits.json', 'utf8'));\n  db.count += 1;\n  await writeFile('visits.json', JSON.stringify(db));\n  res.json(db);\n});\n",
      },
      safety: 'Review: the migrated code can interleave concurrent requests where the original could not. Ruling the race out needs knowledge awaitify lacks (whether requests touch the same file, whether the instance is shared); where a standard pattern keeps atomicity (a recursive mkdir, `writeFile(p, data, { flag: \'wx\' })` for create-if-missing, a promise memo such as `cachePromise ??= load()` for lazy initialisation, a chain of updates on one promise) the finding names it. The recursive mkdir that replaces an exists-then-mkdir is review too: it also creates missing parents, and fails where the path exists as a file; so is the `wx` write that replaces an exists-then-write (it does not write through a dangling symbolic link, which the old code did).',
    },
  },
];
