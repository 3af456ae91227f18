// Framework handlers beyond Express: detection from package.json and by
// convention, and what a handler needs once it is async. Exact text.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectNodeTargets } from './targets.js';
import { migrateFiles } from './test-helpers.js';

describe('framework detection', () => {
  it('names the most specific framework of package.json', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'awaitify-fw-'));
    const detect = (deps: Record<string, string>) => {
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ dependencies: deps }));
      return detectNodeTargets(dir).framework;
    };
    try {
      expect(detect({ '@nestjs/core': '^10.0.0', express: '^4.18.0' })).toBe('nestjs');
      expect(detect({ next: '14.2.0', express: '^4.18.0' })).toBe('next');
      expect(detect({ fastify: '^4.0.0' })).toBe('fastify');
      expect(detect({ koa: '^2.0.0' })).toBe('koa');
      expect(detect({ 'aws-lambda': '^1.0.0' })).toBe('lambda');
      expect(detect({ lodash: '^4.0.0' })).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('Fastify', () => {
  it('finds route handlers in route options, plugins and by name under --framework fastify', async () => {
    const r = await migrateFiles(
      {
        'routes.js': [
          'module.exports = function routes(app, opts, done) {',
          "  app.route({ method: 'GET', url: '/a', handler: (request, reply) => reply.send(blockingRead('a')) });",
          '  done();',
          '};',
          '',
        ].join('\n'),
      },
      { targets: { framework: 'fastify' } },
    );
    expect(r.out['routes.js']).toContain("handler: async (request, reply) => reply.send(await read('a'))");
    expect(r.result.plan.entries.map((e) => `${e.framework} ${e.name}`)).toEqual(['fastify GET /a']);
  });

  it('leaves handlers that return their payload alone', async () => {
    const r = await migrateFiles({
      'app.js': ["const fastify = require('fastify')();", "fastify.get('/a', (request, reply) => {", "  const a = blockingRead('a');", '  return { a };', '});', ''].join('\n'),
    });
    expect(r.out['app.js']).toBe(["const fastify = require('fastify')();", "fastify.get('/a', async (request, reply) => {", "  const a = await read('a');", '  return { a };', '});', ''].join('\n'));
    expect(r.result.findings.map((f) => f.rule)).not.toContain('fastify-return-reply');
  });
});

describe('Fastify hooks', () => {
  it('takes request hooks as entries, rewrites their done calls, and keeps application hooks out of the entries', async () => {
    const r = await migrateFiles({
      'app.js': [
        "const fastify = require('fastify')();",
        "fastify.addHook('onSend', (request, reply, payload, done) => {",
        "  if (payload === undefined) { done(); return; }",
        "  done(null, blockingRead('banner') + payload);",
        '});',
        "fastify.addHook('onClose', (instance, done) => {",
        "  blockingRead('bye');",
        '  done();',
        '});',
        '',
      ].join('\n'),
    });
    expect(r.out['app.js']).toBe(
      [
        "const fastify = require('fastify')();",
        "fastify.addHook('onSend', async (request, reply, payload) => {",
        '  if (payload === undefined) { return; }',
        "  return (await read('banner')) + payload;",
        '});',
        "fastify.addHook('onClose', (instance, done) => {",
        "  blockingRead('bye');",
        '  done();',
        '});',
        '',
      ].join('\n'),
    );
    expect(r.result.plan.entries.map((e) => `${e.framework} ${e.name}`)).toEqual(['fastify onSend hook']);
    expect(r.result.findings.filter((f) => f.rule === 'fastify-hook-done').map((f) => f.line)).toEqual([2]);
  });

  it('keeps a hook sync, saying which call, when done cannot become return or throw', async () => {
    const r = await migrateFiles({
      'app.js': [
        "const fastify = require('fastify')();",
        "fastify.addHook('preHandler', (request, reply, done) => {",
        "  const err = blockingRead('err');",
        '  done(err);',
        '});',
        '',
      ].join('\n'),
    });
    expect(r.result.files[0]!.status).toBe('unchanged');
    const manual = r.result.findings.filter((f) => f.safety === 'manual').map((f) => f.message);
    expect(manual.some((m) => m.includes('`done(err)` (line 4) may pass a null error'))).toBe(true);
  });

  it('keeps a done hook sync when project code also calls it with a callback', async () => {
    const files = {
      'app.js': [
        "const fastify = require('fastify')();",
        'function auth(request, reply, done) {',
        "  request.user = blockingRead('user');",
        '  done();',
        '}',
        "fastify.addHook('preHandler', auth);",
        "fastify.get('/me', (request, reply) => { auth(request, reply, () => reply.send(request.user)); });",
        '',
      ].join('\n'),
    };
    const r = await migrateFiles(files);
    expect(r.out['app.js']).toBe(files['app.js']);
    expect(r.result.findings.some((f) => f.message.includes('passes it a callback that would then never run'))).toBe(true);
  });

  it('returns reply from an async preHandler that answers early, but never from a payload hook', async () => {
    const r = await migrateFiles({
      'app.js': [
        "const fastify = require('fastify')();",
        "fastify.addHook('preHandler', async (request, reply) => {});",
        "fastify.addHook('preHandler', (request, reply) => {",
        "  if (!blockingRead('token')) reply.code(401).send('no');",
        '});',
        "fastify.addHook('preSerialization', (request, reply, payload) => {",
        "  reply.header('x', blockingRead('x'));",
        '  return payload;',
        '});',
        '',
      ].join('\n'),
    });
    expect(r.out['app.js']).toBe(
      [
        "const fastify = require('fastify')();",
        "fastify.addHook('preHandler', async (request, reply) => {});",
        "fastify.addHook('preHandler', async (request, reply) => {",
        "  if (!(await read('token'))) reply.code(401).send('no');",
        '  return reply;',
        '});',
        "fastify.addHook('preSerialization', async (request, reply, payload) => {",
        "  reply.header('x', await read('x'));",
        '  return payload;',
        '});',
        '',
      ].join('\n'),
    );
  });
});

describe('registration shapes', () => {
  it('sees an Express router assigned to a property in a setup function, and connect middleware chains', async () => {
    const r = await migrateFiles(
      {
        'mock.js': [
          "const express = require('express');",
          'const api = {};',
          'api.init = () => { api.router = express.Router(); };',
          "api.add = (verb) => { api.router[verb]('/x', (req, res) => res.send(blockingRead('x'))); };",
          '',
        ].join('\n'),
        'dev.js': [
          "const connect = require('connect');",
          'function serve(root) { return (req, res, next) => res.end(blockingRead(root)); }',
          "connect().use((req, res, next) => next()).use('/s', serve('public'));",
          '',
        ].join('\n'),
      },
      { targets: { express: '5' } },
    );
    expect(r.result.plan.entries.map((e) => `${e.framework} ${e.name}`).sort()).toEqual(['connect middleware', 'connect middleware /s', 'express verb /x']);
    expect(r.out['mock.js']).toContain("api.router[verb]('/x', async (req, res) => res.send(await read('x')));");
    // connect ignores a returned promise, like Express 4: errors go to next.
    expect(r.out['dev.js']).toContain('return async (req, res, next) => { try { return res.end(await read(root)); } catch (err) { next(err); } };');
  });

  it("takes server actions: the exports of a 'use server' module and functions whose body starts with 'use server'", async () => {
    const r = await migrateFiles({
      'app/actions.js': "'use server';\nexport async function save(x) {\n  blockingRead(x);\n}\nfunction helper() {}\n",
      'app/page.jsx': "export default function Page() {\n  function act() {\n    'use server';\n    blockingRead('a');\n  }\n  return <form action={act} />;\n}\n",
      'app/client.jsx': "'use client';\nexport function Box() {\n  function act() {\n    'use server';\n    blockingRead('a');\n  }\n  return <form action={act} />;\n}\n",
    });
    expect(r.result.plan.entries.map((e) => `${e.framework} ${e.name}`).sort()).toEqual(['next act', 'next save']);
    expect(r.out['app/page.jsx']).toContain("  async function act() {\n    'use server';\n    await read('a');");
  });
});

describe('Koa', () => {
  it('awaits next() only where it is a statement of the middleware itself', async () => {
    const r = await migrateFiles({
      'app.js': [
        "const Koa = require('koa');",
        'const app = new Koa();',
        'app.use((ctx, next) => {',
        "  ctx.state.a = blockingRead('a');",
        '  next();',
        '  setImmediate(() => next());',
        '});',
        '',
      ].join('\n'),
    });
    expect(r.out['app.js']).toBe(
      ["const Koa = require('koa');", 'const app = new Koa();', 'app.use(async (ctx, next) => {', "  ctx.state.a = await read('a');", '  await next();', '  setImmediate(() => next());', '});', ''].join('\n'),
    );
  });
});

describe('declared handlers', () => {
  it('takes Next.js route handlers only from route files, and never from client modules', async () => {
    const files = {
      'package.json': JSON.stringify({ dependencies: { next: '14.2.0' } }),
      'app/users/route.js': "export function GET() {\n  return new Response(blockingRead('u'));\n}\n",
      'app/users/helpers.js': "export function GET() {\n  return blockingRead('not a route');\n}\n",
      'pages/api/client.js': "'use client';\nexport default function handler(req, res) {\n  res.send(blockingRead('c'));\n}\n",
    };
    const r = await migrateFiles(files);
    expect(r.out['app/users/route.js']).toBe("export async function GET() {\n  return new Response(await read('u'));\n}\n");
    expect(r.out['app/users/helpers.js']).toBe(files['app/users/helpers.js']);
    expect(r.out['pages/api/client.js']).toBe(files['pages/api/client.js']);
    expect(r.result.plan.entries.map((e) => e.name)).toEqual(['GET']);
  });

  it('takes NestJS routes with their prefix, and Lambda handlers without a callback', async () => {
    const r = await migrateFiles({
      'src/cats.controller.ts': [
        "import { Controller, Get } from '@nestjs/common';",
        "@Controller('cats')",
        'export class CatsController {',
        "  @Get(':id/photo')",
        '  photo(): string {',
        "    return blockingRead('cat');",
        '  }',
        '}',
        '',
      ].join('\n'),
      'lambda/cb.js': "exports.handler = (event, context, callback) => callback(null, blockingRead('x'));\n",
    });
    expect(r.out['src/cats.controller.ts']).toContain("  async photo(): Promise<string> {\n    return await read('cat');");
    expect(r.out['lambda/cb.js']).toBe("exports.handler = (event, context, callback) => callback(null, blockingRead('x'));\n");
    expect(r.result.plan.entries.map((e) => `${e.framework} ${e.name}`)).toEqual(['nestjs CatsController.photo']);
  });
});
