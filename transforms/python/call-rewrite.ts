// The one generic rewrite behind every catalog row: match a call by its fully
// resolved callee name, then await the async counterpart, rename the method,
// or run the call in a thread, whichever the row and the targets allow.
import type { PyNode as Node } from './tree.js';
import { PYTHON_CALLS, type PythonCallRow } from '../catalog/python.js';
import type { TextEdit } from '../core/types.js';
import { awaitEdits, needsParens, type FunctionContext, type Site } from './context.js';
import { field } from './parser.js';
import { atLeast } from './targets.js';

export function rowsFor(rule: string): PythonCallRow[] {
  return PYTHON_CALLS.filter((r) => r.rule === rule);
}

/** Every call in the function that a catalog row of `rule` matches, not yet awaited. */
export function* catalogCalls(fc: FunctionContext, rule: string): Generator<{ call: Node; callee: Node; row: PythonCallRow; name: string }> {
  const byName = new Map<string, PythonCallRow>();
  for (const row of rowsFor(rule)) for (const m of row.match) byName.set(m, row);
  for (const call of fc.calls()) {
    const callee = field(call, 'function');
    if (!callee || fc.isAwaited(call)) continue;
    const name = fc.externalName(callee);
    const row = name ? byName.get(name) : undefined;
    if (row) yield { call, callee, row, name: name! };
  }
}

/** Sites for every call in the function that a catalog row of `rule` matches. */
export function catalogSites(fc: FunctionContext, rule: string): Site[] {
  return [...catalogCalls(fc, rule)].map(({ call, callee, row }) => rowSite(fc, call, callee, row));
}

export function rowSite(fc: FunctionContext, call: Node, callee: Node, row: PythonCallRow): Site {
  const blocked = fc.cannotAwait(call);
  if (blocked) {
    return fc.site(row.rule, call, 'manual', `${callee.text}() blocks the event loop, but ${blocked}; rewrite it as a loop or comprehension first`, [], { seed: false });
  }
  const targets = fc.ac.targets;
  const tooOld =
    (row.minTargets?.django && !atLeast(targets.django, row.minTargets.django)) || (row.minTargets?.python && !atLeast(targets.python, row.minTargets.python));
  if (tooOld) {
    if (!row.fallback) {
      return fc.site(row.rule, call, 'manual', `${callee.text}() blocks; its async form needs ${describeMin(row)}, newer than the target`, [], { seed: false });
    }
    const { edits, imports } = syncToAsyncEdits(fc, call, callee, row.fallback.threadSensitive);
    return fc.site(
      row.rule,
      call,
      'review',
      `${callee.text}() blocks; its async form needs ${describeMin(row)} (target: Django ${targets.django}, Python ${targets.python}), so it runs in a thread through sync_to_async`,
      edits,
      { imports },
    );
  }
  const rw = row.rewrite;
  if (rw.kind === 'sync-to-async') {
    const { edits, imports } = syncToAsyncEdits(fc, call, callee, rw.threadSensitive);
    return fc.site(row.rule, call, row.safety, fill(row.message, callee.text, `await sync_to_async(${callee.text})(...)`), edits, { imports });
  }
  if (rw.kind === 'method') {
    const attr = callee.type === 'attribute' ? field(callee, 'attribute') : undefined;
    if (!attr) return fc.site(row.rule, call, 'manual', `${callee.text}() blocks; rewrite it by hand`, [], { seed: false });
    const to = rw.name.replace('{name}', attr.text);
    return fc.site(row.rule, call, row.safety, fill(row.message, callee.text, callee.text.replace(/[^.]*$/, to)), [...awaitEdits(call), { start: attr.startIndex, end: attr.endIndex, text: to }]);
  }
  // `auth.logout(...)` stays in the module's namespace: `auth.alogout(...)`, no import.
  const object = callee.type === 'attribute' ? field(callee, 'object')! : undefined;
  if (object && fc.externalName(object) === rw.module) {
    const attr = field(callee, 'attribute')!;
    return fc.site(row.rule, call, row.safety, fill(row.message, callee.text, `await ${object.text}.${rw.name}`), [...awaitEdits(call), { start: attr.startIndex, end: attr.endIndex, text: rw.name }]);
  }
  const imp = rw.importKind === 'namespace' ? fc.namespaceImport(rw.module) : fc.namedImport(rw.module, rw.name);
  const replacement = rw.importKind === 'namespace' ? `${imp.local}.${rw.name}` : imp.local;
  return fc.site(
    row.rule,
    call,
    row.safety,
    fill(row.message, callee.text, `await ${replacement}`),
    [...awaitEdits(call), { start: callee.startIndex, end: callee.endIndex, text: replacement }],
    { imports: [imp] },
  );
}

/** `f(args)` → `await sync_to_async(f)(args)`. */
export function syncToAsyncEdits(fc: FunctionContext, call: Node, callee: Node, threadSensitive: boolean): { edits: TextEdit[]; imports: ReturnType<FunctionContext['namedImport']>[] } {
  const imp = fc.namedImport('asgiref.sync', 'sync_to_async');
  const open = needsParens(call) ? `(await ${imp.local}(` : `await ${imp.local}(`;
  const edits: TextEdit[] = [
    { start: call.startIndex, end: call.startIndex, text: open },
    { start: callee.endIndex, end: callee.endIndex, text: threadSensitive ? ')' : ', thread_sensitive=False)' },
  ];
  if (needsParens(call)) edits.push({ start: call.endIndex, end: call.endIndex, text: ')' });
  return { edits, imports: [imp] };
}

function describeMin(row: PythonCallRow): string {
  const parts: string[] = [];
  if (row.minTargets?.django) parts.push(`Django ${row.minTargets.django}`);
  if (row.minTargets?.python) parts.push(`Python ${row.minTargets.python}`);
  return parts.join(' and ');
}

function fill(message: string, from: string, to: string): string {
  return message.replace('{from}', `${from}()`).replace('{to}', `${to}()`);
}
