// subprocess.run/check_output/call block until the child exits. With a literal
// argument list and simple options they become asyncio.create_subprocess_exec
// (the CompletedProcess / CalledProcessError behaviour kept); anything else
// runs the same call in a worker thread.
import type { PyNode as Node } from '../tree.js';
import type { ImportRequest, TextEdit } from '../../core/types.js';
import { indentUnit, lineIndent, needsParens, ruleMeta, statementOf, type FunctionContext, type PythonRule, type Site } from '../context.js';
import { callArguments, childrenOf, field } from '../parser.js';

const RULE = 'subprocess-call';
const FUNCTIONS = new Set(['run', 'check_output', 'call', 'check_call']);
const SIMPLE = new Set(['capture_output', 'check', 'text', 'universal_newlines', 'cwd', 'env']);

export const subprocessCall: PythonRule = {
  meta: ruleMeta({
    id: RULE,
    safety: 'review',
    minTargets: { python: '3.9' },
    docs: {
      summary: 'Replaces subprocess.run/check_output/call/check_call with asyncio.create_subprocess_exec, or runs them in a thread.',
      whatItDoes:
        'When the command is a literal list and the options are simple (capture_output, check, text, cwd, env), a statement `result = subprocess.run([...], ...)` becomes `proc = await asyncio.create_subprocess_exec(...)` and `await proc.communicate()`, raising CalledProcessError where check=True (or check_output/check_call) would, and building the same CompletedProcess (decoded when text=True). Other calls become `await asyncio.to_thread(subprocess.run, ...)` (Python 3.9+; sync_to_async(thread_sensitive=False) before).',
      why: 'Waiting for a child process blocks the event loop for as long as the child runs.',
      example: {
        before:
          '# fixture-options: entry=all\nimport subprocess\n\n\ndef revision(request):\n    out = subprocess.check_output(["git", "rev-parse", "HEAD"], text=True)\n    return HttpResponse(out)\n',
        after:
          '# fixture-options: entry=all\nimport asyncio\nimport subprocess\n\n\nasync def revision(request):\n    proc = await asyncio.create_subprocess_exec("git", "rev-parse", "HEAD", stdout=asyncio.subprocess.PIPE)\n    stdout, stderr = await proc.communicate()\n    if proc.returncode:\n        raise subprocess.CalledProcessError(proc.returncode, ["git", "rev-parse", "HEAD"], stdout.decode(), None)\n    out = stdout.decode()\n    return HttpResponse(out)\n',
      },
      safety: 'Review: the child runs the same way; output decoding uses the locale default the same way text=True does only for UTF-8 locales (it decodes as UTF-8).',
    },
  }),
  detect(fc) {
    const sites: Site[] = [];
    for (const call of fc.calls()) {
      const callee = field(call, 'function');
      if (!callee || fc.isAwaited(call)) continue;
      const name = fc.externalName(callee);
      const m = name && /^subprocess\.(\w+)$/.exec(name);
      if (!m || !FUNCTIONS.has(m[1])) continue;
      const blocked = fc.cannotAwait(call);
      if (blocked) {
        sites.push(fc.site(RULE, call, 'manual', `${callee.text}() waits for a child process, but ${blocked}`, [], { seed: false }));
        continue;
      }
      sites.push(execSite(fc, call, callee, m[1]) ?? threadSite(fc, call, callee));
    }
    return sites;
  },
};

function execSite(fc: FunctionContext, call: Node, callee: Node, fn: string): Site | undefined {
  const args = callArguments(call);
  const list = args.positional[0];
  if (args.splat || args.positional.length !== 1 || list?.type !== 'list') return undefined;
  if (childrenOf(list).some((c) => c.type === 'list_splat' || c.type === 'comment')) return undefined;
  for (const [k, v] of args.keywords) {
    if (!SIMPLE.has(k)) return undefined;
    if (['capture_output', 'check', 'text', 'universal_newlines'].includes(k) && v.type !== 'true' && v.type !== 'false') return undefined;
  }
  const flag = (k: string) => args.keywords.get(k)?.type === 'true';
  const stmt = statementOf(call);
  if (!stmt || stmt.type !== 'expression_statement' || stmt.parent?.type !== 'block') return undefined;
  const first = childrenOf(stmt)[0];
  let target: string | undefined;
  if (first?.type === 'assignment') {
    const left = field(first, 'left');
    if (left?.type !== 'identifier' || field(first, 'right')?.id !== call.id) return undefined;
    target = left.text;
  } else if (first?.id !== call.id) {
    return undefined;
  }
  const text = flag('text') || flag('universal_newlines');
  const capture = fn === 'check_output' || flag('capture_output');
  const check = fn === 'check_output' || fn === 'check_call' || flag('check');
  const asyncio = fc.namespaceImport('asyncio');
  const subprocess = callee.type === 'attribute' ? field(callee, 'object')!.text : fc.namespaceImport('subprocess').local;
  const imports: ImportRequest[] = [asyncio];
  if (callee.type !== 'attribute') imports.push(fc.namespaceImport('subprocess'));
  const taken = new Set([...fc.fn.locals, ...variableNames(fc.fn.body)]);
  const proc = fresh('proc', taken);
  const out = fresh('stdout', taken);
  const err = fresh('stderr', taken);
  const indent = lineIndent(fc.module.text, stmt.startIndex);
  const unit = indentUnit(fc.fn);
  const argv = childrenOf(list).map((c) => c.text);
  const options: string[] = [];
  if (capture) options.push(`stdout=${asyncio.local}.subprocess.PIPE`);
  if (flag('capture_output')) options.push(`stderr=${asyncio.local}.subprocess.PIPE`);
  for (const k of ['cwd', 'env']) if (args.keywords.has(k)) options.push(`${k}=${args.keywords.get(k)!.text}`);
  const decode = (v: string) => (text ? `${v}.decode()` : v);
  const maybe = (v: string, piped: boolean) => (piped ? decode(v) : 'None');
  const lines = [`${proc} = await ${asyncio.local}.create_subprocess_exec(${[...argv, ...options].join(', ')})`];
  if (capture) lines.push(`${out}, ${err} = await ${proc}.communicate()`);
  else lines.push(`await ${proc}.wait()`);
  if (check) {
    lines.push(`if ${proc}.returncode:`);
    lines.push(`${unit}raise ${subprocess}.CalledProcessError(${proc}.returncode, ${list.text}${capture ? `, ${maybe(out, true)}, ${maybe(err, flag('capture_output'))}` : ''})`);
  }
  if (target) {
    const value =
      fn === 'run'
        ? `${subprocess}.CompletedProcess(${list.text}, ${proc}.returncode, ${capture ? maybe(out, true) : 'None'}, ${capture ? maybe(err, flag('capture_output')) : 'None'})`
        : fn === 'check_output'
          ? decode(out)
          : fn === 'check_call'
            ? '0'
            : `${proc}.returncode`;
    lines.push(`${target} = ${value}`);
  }
  const edits: TextEdit[] = [{ start: stmt.startIndex, end: stmt.endIndex, text: lines.join(`\n${indent}`) }];
  return fc.site(RULE, call, 'review', `${callee.text}() waits for the child process and blocks the event loop; it becomes asyncio.create_subprocess_exec with the same arguments and result`, edits, { imports });
}

function threadSite(fc: FunctionContext, call: Node, callee: Node): Site {
  const args = callArguments(call).list!;
  const hasArgs = childrenOf(args).length > 0;
  const paren = needsParens(call);
  let edits: TextEdit[];
  let imports: ImportRequest[];
  let how: string;
  if (fc.ac.python('3.9')) {
    const asyncio = fc.namespaceImport('asyncio');
    imports = [asyncio];
    how = 'asyncio.to_thread';
    // When the first argument starts on the next line the comma ends the line: no trailing space.
    const firstArg = childrenOf(args)[0];
    const sep = !hasArgs ? '' : firstArg && /^[ \t]*\r?\n/.test(fc.module.text.slice(args.startIndex + 1, firstArg.startIndex)) ? ',' : ', ';
    edits = [{ start: call.startIndex, end: args.startIndex + 1, text: `${paren ? '(' : ''}await ${asyncio.local}.to_thread(${callee.text}${sep}` }];
  } else {
    const sta = fc.namedImport('asgiref.sync', 'sync_to_async');
    imports = [sta];
    how = `sync_to_async(thread_sensitive=False) (asyncio.to_thread needs Python 3.9, the target is ${fc.ac.targets.python})`;
    edits = [
      { start: call.startIndex, end: call.startIndex, text: `${paren ? '(' : ''}await ${sta.local}(` },
      { start: callee.endIndex, end: callee.endIndex, text: ', thread_sensitive=False)' },
    ];
  }
  if (paren) edits.push({ start: call.endIndex, end: call.endIndex, text: ')' });
  return fc.site(RULE, call, 'review', `${callee.text}() waits for a child process; its arguments are not a literal list with simple options, so the same call runs in a worker thread through ${how}`, edits, { imports });
}

function fresh(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** Identifiers used as variables (not attribute or keyword names) under a node. */
function variableNames(root: Node): string[] {
  return root
    .descendantsOfType('identifier')
    .filter((n): n is Node => Boolean(n))
    .filter((n) => {
      const p = n.parent;
      return !(p?.type === 'attribute' && field(p, 'attribute')?.id === n.id) && !(p?.type === 'keyword_argument' && field(p, 'name')?.id === n.id);
    })
    .map((n) => n.text);
}
