import { describe, expect, it } from 'vitest';
import { planAsyncPropagation, type CallGraph, type GraphEdge, type GraphFunction } from './plan.js';

function fn(id: string, extra: Partial<GraphFunction> = {}): GraphFunction {
  return { id, path: 'app.js', name: id, line: 1, alreadyAsync: false, seeds: 0, ...extra };
}
function call(from: string | null, to: string, mode: GraphEdge['mode'] = 'await'): GraphEdge {
  return { from, to, mode, site: { path: 'app.js', line: 1, column: 1 } };
}

describe('planAsyncPropagation', () => {
  it('makes every function on a path from a handler to a blocking call async, and awaits each call', () => {
    const graph: CallGraph = {
      functions: [fn('handler', { entry: 'express' }), fn('service'), fn('readStore', { seeds: 1 }), fn('unrelated', { seeds: 1 })],
      edges: [call('handler', 'service'), call('service', 'readStore')],
    };
    const r = planAsyncPropagation(graph, { entry: 'handlers', api: 'replace' });
    expect([...r.async.keys()].sort()).toEqual(['handler', 'readStore', 'service']);
    expect(r.async.get('readStore')?.reason).toBe('blocking-call');
    expect(r.async.get('service')).toMatchObject({ reason: 'calls-async', via: 'readStore' });
    expect(r.awaitEdges.map((e) => `${e.from}->${e.to}`).sort()).toEqual(['handler->service', 'service->readStore']);
    expect(r.rewriteIn.has('unrelated')).toBe(false);
  });

  it('makes sync callers outside handlers (tests) async too', () => {
    const graph: CallGraph = {
      functions: [fn('handler', { entry: 'express' }), fn('load', { seeds: 1 }), fn('testBody')],
      edges: [call('handler', 'load'), call('testBody', 'load'), call(null, 'testBody', 'detached')],
    };
    const r = planAsyncPropagation(graph, { entry: 'handlers', api: 'replace' });
    expect(r.async.has('testBody')).toBe(true);
    expect(r.boundaries).toEqual([]);
  });

  it('pins a helper that a constructor calls, and everything that depends on it, under replace', () => {
    const graph: CallGraph = {
      functions: [fn('handler', { entry: 'express' }), fn('load', { seeds: 1 }), fn('ctor', { cannotBeAsync: { kind: 'constructor', reason: 'constructors cannot be async' } })],
      edges: [call('handler', 'load'), call('ctor', 'load')],
    };
    const r = planAsyncPropagation(graph, { entry: 'handlers', api: 'replace' });
    expect(r.async.size).toBe(0);
    expect(r.pinned.get('load')).toMatchObject({ kind: 'constructor', function: 'ctor' });
    expect(r.boundaries.map((b) => b.kind)).toEqual(['constructor']);
    expect(r.rewriteIn.size).toBe(0);
  });

  it('keeps a sync twin instead of pinning under twin', () => {
    const graph: CallGraph = {
      functions: [fn('view', { entry: 'django' }), fn('fetch', { seeds: 1 }), fn('command')],
      edges: [call('view', 'fetch'), call('command', 'fetch', 'stop')],
    };
    const r = planAsyncPropagation(graph, { entry: 'handlers', api: 'twin' });
    expect(r.async.get('fetch')?.twin).toBe(true);
    expect(r.async.has('view')).toBe(true);
    expect(r.boundaries).toHaveLength(1);
  });

  it('stops at module top level and at sync-only callbacks', () => {
    const graph: CallGraph = {
      functions: [fn('handler', { entry: 'http' }), fn('load', { seeds: 1 }), fn('compare')],
      edges: [call('handler', 'load'), call('compare', 'load'), { ...call('handler', 'compare', 'stop'), stopKind: 'sort-comparator' }],
    };
    const r = planAsyncPropagation(graph, { entry: 'handlers', api: 'replace' });
    // compare would need to await load, but its caller needs a sync result.
    expect(r.pinned.has('compare') || r.pinned.has('load')).toBe(true);
    expect(r.async.has('compare')).toBe(false);
  });

  it('reports a callback that needs a sync result and would have to await as a boundary', () => {
    const graph: CallGraph = {
      functions: [fn('handler', { entry: 'express' }), fn('comparator'), fn('popularity', { seeds: 1 })],
      edges: [{ ...call('handler', 'comparator', 'stop'), stopKind: 'sync-callback', stopReason: '`.sort()` uses the return value' }, call('comparator', 'popularity')],
    };
    const r = planAsyncPropagation(graph, { entry: 'handlers', api: 'replace' });
    expect(r.async.size).toBe(0);
    expect(r.boundaries).toMatchObject([{ function: 'handler', callee: 'comparator', kind: 'sync-callback' }]);
  });

  it('seeds only what is reachable from handlers unless entry is all', () => {
    const graph: CallGraph = { functions: [fn('cli', { seeds: 1 })], edges: [] };
    expect(planAsyncPropagation(graph, { entry: 'handlers', api: 'replace' }).async.size).toBe(0);
    expect(planAsyncPropagation(graph, { entry: 'all', api: 'replace' }).async.has('cli')).toBe(true);
  });

  it('does not change functions that are already async but rewrites their blocking calls', () => {
    const graph: CallGraph = { functions: [fn('handler', { entry: 'express', alreadyAsync: true, seeds: 2 })], edges: [] };
    const r = planAsyncPropagation(graph, { entry: 'handlers', api: 'replace' });
    expect(r.async.size).toBe(0);
    expect(r.rewriteIn.has('handler')).toBe(true);
  });
  describe('with a write scope', () => {
    const at = (path: string) => ({ path, line: 4, column: 3 });
    const scoped = (extra: Partial<GraphFunction> & { path: string }, id: string) => fn(id, extra);
    const graph = (): CallGraph => ({
      functions: [
        scoped({ path: 'src/app.js', entry: 'express' }, 'handler'),
        scoped({ path: 'src/users.js', seeds: 1, line: 3 }, 'loadUser'),
        scoped({ path: 'src/users.js', seeds: 1, line: 7 }, 'loadOrder'),
        scoped({ path: 'test/users.test.js' }, 'testBody'),
        scoped({ path: 'test/users.test.js', alreadyAsync: true }, 'asyncTest'),
        scoped({ path: 'test/users.test.js', seeds: 1, entry: 'express' }, 'outsideHandler'),
      ],
      edges: [
        { ...call('handler', 'loadUser'), site: at('src/app.js') },
        { ...call('handler', 'loadOrder'), site: at('src/app.js') },
        { ...call('testBody', 'loadUser'), site: at('test/users.test.js') },
        { ...call('asyncTest', 'loadOrder', 'detached'), site: at('test/users.test.js') },
      ],
    });
    const scope = new Set(['src/app.js', 'src/users.js']);

    it('pins a function that a call outside the scope would have to await, naming the call; never changes a function outside', () => {
      const r = planAsyncPropagation(graph(), { entry: 'handlers', api: 'replace', scope });
      expect([...r.async.keys()].sort()).toEqual(['handler', 'loadOrder']);
      expect(r.pinned.get('loadUser')).toMatchObject({ kind: 'outside-scope', function: 'testBody', path: 'test/users.test.js', calleePath: 'src/users.js', calleeLine: 3 });
      expect(r.boundaries.map((b) => `${b.kind} ${b.path} ${b.callee}`)).toEqual(['outside-scope test/users.test.js loadUser']);
      expect(r.boundaries[0].reason).toBe('loadUser stays sync: `testBody` in test/users.test.js:4 calls it, outside the paths of this run, and awaitify does not change that call');
      // A detached reference outside the scope (a callback handed to code that accepts a promise) needs no change there.
      expect(r.awaitEdges.map((e) => `${e.from}->${e.to}`)).toEqual(['handler->loadOrder']);
    });

    it('keeps a sync twin for the outside call under twin, and inserts no await outside the scope', () => {
      const g = graph();
      g.edges.push({ ...call('asyncTest', 'loadUser'), site: { path: 'test/users.test.js', line: 9, column: 3 } });
      const r = planAsyncPropagation(g, { entry: 'handlers', api: 'twin', scope });
      expect(r.async.get('loadUser')?.twin).toBe(true);
      expect(r.awaitEdges.map((e) => `${e.from}->${e.to}`).sort()).toEqual(['handler->loadOrder', 'handler->loadUser']);
      expect(r.boundaries.map((b) => `${b.kind} ${b.function} ${b.callee}`).sort()).toEqual(['outside-scope asyncTest loadUser', 'outside-scope testBody loadUser']);
    });

    it('plans as before without a scope', () => {
      const r = planAsyncPropagation(graph(), { entry: 'handlers', api: 'replace' });
      expect([...r.async.keys()].sort()).toEqual(['handler', 'loadOrder', 'loadUser', 'outsideHandler', 'testBody']);
    });
  });
});
