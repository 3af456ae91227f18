// File reads and writes block: a `with open(...)` block moves into a small
// sync function run with asyncio.to_thread, and pathlib's
// read_text/read_bytes/write_text/write_bytes run through asyncio.to_thread.
import type { PyNode as Node } from '../tree.js';
import type { ImportRequest, TextEdit } from '../../core/types.js';
import { ruleMeta, needsParens, type AnalysisContext, type FunctionContext, type PythonRule, type Site } from '../context.js';
import { moveBlock } from '../move-block.js';
import { bindingsOf } from '../orm.js';
import { callArguments, childrenOf, field, hasDescendantOfType } from '../parser.js';
import { resolveExpr, type PyFunction } from '../project.js';

const RULE = 'file-io-call';
const SCOPES = new Set(['function_definition', 'class_definition', 'decorated_definition', 'lambda']);
const PATH_IO = new Set(['read_text', 'read_bytes', 'write_text', 'write_bytes']);

export const fileIoCall: PythonRule = {
  meta: ruleMeta({
    id: RULE,
    safety: 'review',
    minTargets: { python: '3.9' },
    docs: {
      summary: 'Runs file reads and writes in code that becomes async in a worker thread with asyncio.to_thread.',
      whatItDoes:
        'A `with open(...) as f:` block becomes a nested sync function holding the block, called with `await asyncio.to_thread(...)` (locals it reads are passed in, locals it sets and later code reads are returned). `Path(...).read_text()`, `read_bytes()`, `write_text()` and `write_bytes()` on a pathlib.Path become `await asyncio.to_thread(path.read_text, ...)`. Below Python 3.9 the thread is started with sync_to_async(thread_sensitive=False).',
      why: 'Disk I/O blocks the event loop; Python has no async file API, so a thread is the standard way (aiofiles does the same).',
      example: {
        before:
          '# fixture-options: entry=all\ndef export(request):\n    with open("/tmp/report.csv", "w", encoding="utf-8") as fh:\n        fh.write("id,title\\n")\n    return HttpResponse("ok")\n',
        after:
          '# fixture-options: entry=all\nimport asyncio\n\n\nasync def export(request):\n    def _file_block():\n        with open("/tmp/report.csv", "w", encoding="utf-8") as fh:\n            fh.write("id,title\\n")\n\n    await asyncio.to_thread(_file_block)\n    return HttpResponse("ok")\n',
      },
      safety: 'Review: the same I/O runs on a worker thread (not thread-sensitive: it touches no database). A block that also queries the database, awaits or yields is left alone and reported.',
    },
  }),
  detect(fc) {
    const sites: Site[] = [];
    for (const block of fc.excluded.filter((r) => fc.regionKind(r) === 'file')) {
      const runner = threadRunner(fc);
      const moved = moveBlock(fc, block, '_file_block', (name, args) => runner.call(name, args));
      if ('problem' in moved) {
        sites.push(fc.site(RULE, block, 'manual', `this file block ${moved.problem}; move its I/O into a function run with asyncio.to_thread by hand`, [], { seed: false }));
        continue;
      }
      sites.push(fc.site(RULE, block, 'review', `file I/O blocks the event loop; the with-block moves into ${moved.name}() run in a worker thread (${runner.how})${moved.io ? `; the block ${moved.io}` : ''}`, moved.edits, { imports: runner.imports }));
    }
    for (const call of fc.calls()) {
      const callee = field(call, 'function');
      if (callee?.type !== 'attribute' || fc.isAwaited(call)) continue;
      const method = field(callee, 'attribute')!.text;
      if (!PATH_IO.has(method) || !isPath(fc, field(callee, 'object')!)) continue;
      const blocked = fc.cannotAwait(call);
      if (blocked) {
        sites.push(fc.site(RULE, call, 'manual', `${callee.text}() blocks, but ${blocked}`, [], { seed: false }));
        continue;
      }
      const runner = threadRunner(fc);
      const args = callArguments(call).list!;
      const hasArgs = childrenOf(args).length > 0;
      const paren = needsParens(call);
      const edits: TextEdit[] = fc.ac.python('3.9')
        ? [{ start: call.startIndex, end: args.startIndex + 1, text: `${paren ? '(' : ''}${runner.call(callee.text, []).slice(0, -1)}${hasArgs ? ', ' : ''}` }]
        : [
            { start: call.startIndex, end: call.startIndex, text: `${paren ? '(' : ''}${runner.call('', []).split('(')[0]}(` },
            { start: callee.endIndex, end: callee.endIndex, text: ', thread_sensitive=False)' },
          ];
      if (paren) edits.push({ start: call.endIndex, end: call.endIndex, text: ')' });
      sites.push(fc.site(RULE, call, 'review', `${callee.text}() blocks on disk I/O; it runs in a worker thread (${runner.how})`, edits, { imports: runner.imports }));
    }
    return sites;
  },
};

function threadRunner(fc: FunctionContext): { call: (fn: string, args: string[]) => string; how: string; imports: ImportRequest[] } {
  if (fc.ac.python('3.9')) {
    const asyncio = fc.namespaceImport('asyncio');
    return { call: (fn, args) => `await ${asyncio.local}.to_thread(${[fn, ...args].join(', ')})`, how: 'asyncio.to_thread', imports: [asyncio] };
  }
  const sta = fc.namedImport('asgiref.sync', 'sync_to_async');
  return {
    call: (fn, args) => `await ${sta.local}(${fn}, thread_sensitive=False)(${args.join(', ')})`,
    how: `sync_to_async(thread_sensitive=False): asyncio.to_thread needs Python 3.9, the target is ${fc.ac.targets.python}`,
    imports: [sta],
  };
}

/** `with open(...)` blocks in a function's own body whose body only does file work (no ORM, no awaits). */
export function fileRegions(ac: AnalysisContext, fn: PyFunction): Node[] {
  const out: Node[] = [];
  if (!hasDescendantOfType(fn.body, 'with_statement')) return out;
  const visit = (node: Node) => {
    for (const child of childrenOf(node)) {
      if (SCOPES.has(child.type)) continue;
      if (child.type === 'with_statement' && isOpenWith(ac, fn, child)) {
        out.push(child);
        continue;
      }
      visit(child);
    }
  };
  visit(fn.body);
  return out;
}

function isOpenWith(ac: AnalysisContext, fn: PyFunction, withStmt: Node): boolean {
  if (withStmt.children.some((c) => c?.type === 'async')) return false;
  const clause = childrenOf(withStmt).find((c) => c.type === 'with_clause');
  const items = childrenOf(clause);
  if (!items.length) return false;
  const allOpen = items.every((item) => {
    const value = field(item, 'value');
    const expr = value?.type === 'as_pattern' ? childrenOf(value)[0] : value;
    const callee = expr?.type === 'call' ? field(expr, 'function') : undefined;
    const r = callee ? resolveExpr(ac.project, fn.module, fn, callee) : undefined;
    return r?.kind === 'external' && (r.name === 'builtins.open' || r.name === 'io.open' || r.name === 'codecs.open');
  });
  if (!allOpen) return false;
  // A block that also queries the database must not move to a non-thread-sensitive thread.
  const body = field(withStmt, 'body');
  for (const n of body ? body.descendantsOfType(['call', 'await', 'yield']) : []) {
    if (!n) continue;
    if (n.type !== 'call') return false;
    const f = field(n, 'function');
    if (f?.type === 'attribute') {
      const t = ac.orm.typeOf(fn.module, fn, field(f, 'object')!);
      if (t) return false;
    }
    const r = f ? resolveExpr(ac.project, fn.module, fn, f) : undefined;
    if (r?.kind === 'function' || (r?.kind === 'class' && ac.orm.models.has(r.cls))) return false;
  }
  return true;
}

/** A pathlib.Path: `Path(...)`, `Path(...) / "x"`, or a local every assignment of which is one. */
function isPath(fc: FunctionContext, node: Node, depth = 0): boolean {
  if (depth > 4) return false;
  if (node.type === 'parenthesized_expression') return isPath(fc, childrenOf(node)[0]!, depth + 1);
  if (node.type === 'call') {
    const name = fc.externalName(field(node, 'function')!);
    return name === 'pathlib.Path' || name === 'pathlib.PurePath';
  }
  if (node.type === 'binary_operator' && node.child(1)?.type === '/') return isPath(fc, field(node, 'left')!, depth + 1);
  if (node.type === 'identifier' && fc.fn.locals.has(node.text)) {
    const b = bindingsOf(fc.fn, node.text);
    return b.length > 0 && b.every((x) => x.kind === 'assign' && isPath(fc, x.value, depth + 1));
  }
  if (node.type === 'identifier') {
    // A module-level constant assigned once: `DATA = Path(...)`.
    const assigns = fc.module.assigned.get(node.text) ?? [];
    const right = assigns.length === 1 && assigns[0].type === 'assignment' ? field(assigns[0], 'right') : undefined;
    return Boolean(right && isPath(fc, right, depth + 1));
  }
  return false;
}
