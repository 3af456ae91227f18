// Lazy related objects run a query on first access, which raises
// SynchronousOnlyOperation in async code (in the view or in a template it
// renders). Load them up front: select_related / prefetch_related on the query
// that fetched the object, and QuerySets handed to a template evaluated in the
// view. What cannot be proven renders through sync_to_async instead.
import type { PyNode as Node } from '../tree.js';
import type { TextEdit } from '../../core/types.js';
import { syncToAsyncEdits } from '../call-rewrite.js';
import { calleeFunction } from '../callgraph.js';
import { FunctionContext, ruleMeta, type AnalysisContext, type PythonRule, type Site } from '../context.js';
import { bindingsOf, type ModelInfo, type OrmIndex } from '../orm.js';
import { callArguments, childrenOf, field, stringValue } from '../parser.js';
import { findMethod, type PyFunction } from '../project.js';
import { deferredFieldsOf, isDeferred } from '../deferred.js';
import { fileRegions } from './file-io-call.js';
import { PYTHON_RULES } from './index.js';
import { atomicRegions } from './transaction-atomic.js';

const RULE = 'lazy-relation';
const LAZY_CONTEXT = new Set(['user', 'perms', 'messages', 'request']);
const RENDERERS = new Set(['django.shortcuts.render', 'django.template.response.TemplateResponse']);

interface Needs {
  select: Set<string>;
  prefetch: Set<string>;
}

export const lazyRelation: PythonRule = {
  meta: ruleMeta({
    id: RULE,
    safety: 'safe',
    docs: {
      summary: 'Loads foreign keys that an async view or its template reads with select_related/prefetch_related, and evaluates QuerySets before rendering.',
      whatItDoes:
        "In code that becomes async: a foreign-key or one-to-one attribute read on an instance fetched in the same function (`book.author.name`) adds `select_related('author')` to the query that fetched it. For `render(request, 'x.html', context)`, the template (and what it extends or includes) is read for the variable paths it uses: relations it follows on an instance get select_related on that instance's query, and a QuerySet in the context is evaluated in the view (`[b async for b in qs.select_related('author')]`) with the select_related/prefetch_related its template needs. When a template reads something that cannot be proven safe (a model method or property, `user`, a custom tag library, an unknown value's attribute), the render call runs through sync_to_async instead and the finding says why. So does a `render()` when a project context processor named in the settings (`TEMPLATES[...]['OPTIONS']['context_processors']`) queries or does I/O, itself or through the project functions it calls: `render()` runs the context processors in the calling thread, which in an async view is the event loop's. The settings' `context_processors` are read: Django's own are known (`auth` hands the template a lazy `user` and `perms`, `messages` lazy messages: they query only when the template reads them, and a template that reads `user` renders in a thread: the home page of a logged-in visitor would otherwise fail with SynchronousOnlyOperation); any other processor that is not the project's renders through sync_to_async. A `TemplateResponse` is rendered later by Django's handler, which runs it through sync_to_async itself, so it is left alone. A view whose only database work is a QuerySet its template iterates is a view with blocking work: it becomes async, the QuerySet evaluated in the view (`[b async for b in Book.objects.order_by(\"title\").select_related(\"author\")]`) when the template is proven; when it is not, the view stays sync and a `manual` finding names the QuerySet, the template and the reason (it is no longer left sync without a word). `.only(...)` / `.defer(...)` leave fields unloaded: a deferred field read on an instance (`book.blurb` after `defer(\"blurb\")`) is a query, so it moves into sync_to_async (or keeps the function sync), a template that reads one renders in sync_to_async, and a deferred relation gets a `manual` finding instead of a select_related (Django refuses to select_related a deferred field).",
      why: "Django templates are sync: a lazy relation or an unevaluated QuerySet read while rendering in an async view raises SynchronousOnlyOperation. Resolving it in the view also avoids N+1 queries.",
      example: {
        before:
          '# fixture-options: entry=all\nfrom django.db import models\n\n\nclass Author(models.Model):\n    name = models.CharField(max_length=100)\n\n\nclass Book(models.Model):\n    author = models.ForeignKey(Author, on_delete=models.CASCADE)\n\n\ndef author_name(request, pk):\n    book = Book.objects.get(pk=pk)\n    return JsonResponse({"author": book.author.name})\n',
        after:
          '# fixture-options: entry=all\nfrom django.db import models\n\n\nclass Author(models.Model):\n    name = models.CharField(max_length=100)\n\n\nclass Book(models.Model):\n    author = models.ForeignKey(Author, on_delete=models.CASCADE)\n\n\nasync def author_name(request, pk):\n    book = await Book.objects.select_related("author").aget(pk=pk)\n    return JsonResponse({"author": book.author.name})\n',
      },
      safety:
        'Safe where the reads are proven (the same rows, fewer queries). The sync_to_async fallback around render is marked for review; a lazy read whose query cannot be found is reported.',
    },
  }),
  detect(fc) {
    const sites: Site[] = [];
    const origins = new Map<number, { node: Node; kind: 'chain' | 'model-arg'; needs: Needs; reads: string[]; readNodes: Node[] }>();
    const addNeed = (origin: Origin | undefined, needs: Needs, what: string, read?: Node): boolean => {
      if (!origin) return false;
      if (origin.kind === 'created') return [...needs.select, ...needs.prefetch].every((n) => origin.provided.has(n.split('__')[0]));
      const entry = origins.get(origin.node.id) ?? { ...origin, needs: { select: new Set(), prefetch: new Set() }, reads: [], readNodes: [] };
      for (const s of needs.select) entry.needs.select.add(s);
      for (const p of needs.prefetch) entry.needs.prefetch.add(p);
      entry.reads.push(what);
      if (read) entry.readNodes.push(read);
      origins.set(origin.node.id, entry);
      return true;
    };
    const selfParam = fc.fn.cls && fc.orm.models.has(fc.fn.cls) ? fc.fn.paramNames[0] : undefined;

    // Relation reads in the function body.
    for (const n of fc.nodes()) {
      if (n.type !== 'attribute') continue;
      const obj = field(n, 'object')!;
      if (obj.type !== 'identifier') continue;
      const t = fc.typeOf(obj);
      if (t?.kind !== 'instance' || !t.model) continue;
      const attr = field(n, 'attribute')!.text;
      const rel = t.model.relations.get(attr);
      if (!rel || rel.kind === 'm2m') continue;
      const p = n.parent;
      if (p && (p.type === 'assignment' || p.type === 'augmented_assignment') && field(p, 'left')?.id === n.id) continue;
      if (obj.text === selfParam) {
        // A model method: whoever calls it in async code loads the relation (see the call below).
        sites.push(fc.site(RULE, n, 'manual', `${n.text} loads ${attr} lazily; async callers of ${fc.fn.qualname}() must load it first (select_related("${attr}")) or call it through sync_to_async`, [], { seed: false, deferred: true }));
        continue;
      }
      const origin = originOf(fc, obj);
      if (origin && origin.kind !== 'created' && existingSelect(origin.node).has(attr)) continue;
      const deferred = origin && origin.kind === 'chain' ? deferredFieldsOf(fc, origin.node) : undefined;
      if (isDeferred(deferred, t.model, attr)) {
        sites.push(fc.site(RULE, n, 'manual', `${n.text} reads ${attr}, which ${deferred!.call.text} leaves deferred: reading it runs a query, which fails in async code (and select_related cannot load a deferred relation); add it to only() or drop it from defer()`, [], { seed: false }));
        continue;
      }
      if (!addNeed(origin, { select: new Set([attr]), prefetch: new Set() }, n.text, n)) {
        sites.push(fc.site(RULE, n, 'manual', `${n.text} loads ${attr} lazily, a query that fails in async code; fetch ${obj.text} with select_related("${attr}") where it comes from`, [], { seed: false }));
      }
    }

    // Model methods called on an instance read relations of it: load them with the instance.
    for (const call of fc.calls()) {
      const callee = field(call, 'function');
      if (callee?.type !== 'attribute') continue;
      const obj = field(callee, 'object')!;
      if (obj.type !== 'identifier' || obj.text === selfParam) continue;
      const t = fc.typeOf(obj);
      if (t?.kind !== 'instance' || !t.model) continue;
      const method = findMethod(fc.project, t.model.cls, field(callee, 'attribute')!.text);
      if (!method) continue;
      const rels = selfRelations(method, t.model);
      if (!rels.size) continue;
      const origin = originOf(fc, obj);
      if (!origin) continue;
      const missing = origin.kind === 'created' ? [] : [...rels].filter((r) => !existingSelect(origin.node).has(r));
      if (!missing.length || addNeed(origin, { select: new Set(missing), prefetch: new Set() }, `${callee.text}() (it reads ${[...rels].map((r) => `self.${r}`).join(', ')})`)) {
        if (origin.kind !== 'created' || addNeed(origin, { select: rels, prefetch: new Set() }, '')) fc.resolvedCalls.add(call.id);
      }
    }

    // Templates rendered by the function.
    for (const call of fc.calls()) {
      const callee = field(call, 'function');
      const name = callee ? fc.externalName(callee) : undefined;
      if (!name || !RENDERERS.has(name) || fc.isAwaited(call)) continue;
      const result = renderNeeds(fc, call);
      // A TemplateResponse renders later, in Django's handler, which runs it through sync_to_async itself.
      if (result.unknown && name === 'django.template.response.TemplateResponse') continue;
      if (result.unknown) {
        const { edits, imports } = syncToAsyncEdits(fc, call, callee!, true);
        sites.push(
          fc.site(RULE, call, 'review', `the template may run queries while rendering (${result.unknown}); rendering runs through sync_to_async so they work in async code. Load what it needs in the view to render without the thread hop`, edits, { imports, seed: false }),
        );
        // A view whose database work is a QuerySet its template evaluates blocks too: when it stays sync, say so.
        for (const q of result.lazyQuerySets) {
          sites.push(
            fc.site(
              RULE,
              q.value,
              'manual',
              `${fc.fn.qualname}() hands the QuerySet ${q.value.text} to ${q.template} (as "${q.key}"), which runs its query while rendering; awaitify cannot evaluate it in the view because ${result.unknown}. To make the view async, evaluate it first ([x async for x in ...] with select_related/prefetch_related for every relation the template reads) and render in sync_to_async, or leave the view sync`,
              [],
              { seed: false, onlyIfSync: true },
            ),
          );
        }
        continue;
      }
      const edits: TextEdit[] = [...result.edits];
      for (const o of result.origins) addNeed(o.origin, o.needs, o.what);
      // Evaluating a QuerySet the template iterates is database work of its own: a view whose only
      // queries run lazily in its template becomes async for it (render() is proven to run no query).
      const seed = name === 'django.shortcuts.render' && result.evaluated.length > 0 && !result.evaluatedBefore;
      if (edits.length) sites.push(fc.site(RULE, call, 'safe', `the template iterates ${result.evaluated.join(', ')}; the QuerySet is evaluated in the view${result.relations.length ? ` with ${result.relations.join(', ')}` : ''}, since templates cannot run async queries`, edits, { seed }));
    }

    for (const o of origins.values()) {
      const need = prune([...o.needs.select]).filter((s) => !existingSelect(o.node).has(s));
      const prefetch = [...o.needs.prefetch];
      if (!need.length && !prefetch.length) continue;
      const added = `${need.length ? `.select_related(${need.map(quote).join(', ')})` : ''}${prefetch.length ? `.prefetch_related(${prefetch.map(quote).join(', ')})` : ''}`;
      const edit: TextEdit = o.kind === 'model-arg' ? { start: o.node.startIndex, end: o.node.endIndex, text: `${o.node.text}.objects${added}` } : { start: o.node.endIndex, end: o.node.endIndex, text: added };
      // The reads it loads are accounted for (claimed), so the function may become async.
      sites.push(fc.site(RULE, o.node, 'safe', `${[...new Set(o.reads)].join(', ')} would load lazily (a query that fails in async code); the query loads it up front with ${added.slice(1)}`, [edit], { seed: false, claims: o.readNodes }));
    }
    return sites;
  },
};

/**
 * Whether a render() (or TemplateResponse) call is proven to render without a query: the
 * configured context processors and the template (with what it extends and includes) read
 * nothing lazy, and what the context needs is loaded by this rule's other edits.
 */
export function renderProven(fc: FunctionContext, call: Node): boolean {
  if (!fc.ac.run.isRuleEnabled(RULE)) return false;
  const callee = field(call, 'function');
  const name = callee ? fc.externalName(callee) : undefined;
  if (!name || !RENDERERS.has(name)) return false;
  return !renderNeeds(fc, call).unknown;
}

/** Context processors named in the settings that awaitify cannot prove harmless while rendering in an async view. */
function unknownContextProcessor(fc: FunctionContext): string | undefined {
  const cached = foreignProcessorCache.get(fc.ac);
  if (cached !== undefined) return cached ?? undefined;
  let found: string | undefined;
  for (const module of fc.project.modules) {
    if (found) break;
    for (const pair of module.root.descendantsOfType('pair')) {
      if (!pair || stringValue(field(pair, 'key')) !== 'context_processors') continue;
      for (const item of childrenOf(field(pair, 'value')!)) {
        const dotted = stringValue(item);
        if (!dotted || KNOWN_PROCESSORS.has(dotted)) continue;
        // Project processors are checked by blockingContextProcessor.
        if ([...(fc.entries?.djangoCalled.values() ?? [])].some((c) => c.kind === 'context-processor' && c.reason.includes(dotted))) continue;
        found = `the context processor ${dotted} (in ${module.path}) is not the project's and not one awaitify knows to run no query`;
        break;
      }
    }
  }
  foreignProcessorCache.set(fc.ac, found ?? null);
  return found;
}

const foreignProcessorCache = new WeakMap<AnalysisContext, string | null>();
/** Django's own context processors: harmless, or lazy values (user, perms, messages) that only query when the template reads them. */
const KNOWN_PROCESSORS = new Set([
  'django.template.context_processors.debug',
  'django.template.context_processors.request',
  'django.template.context_processors.i18n',
  'django.template.context_processors.media',
  'django.template.context_processors.static',
  'django.template.context_processors.tz',
  'django.template.context_processors.csrf',
  'django.contrib.auth.context_processors.auth',
  'django.contrib.messages.context_processors.messages',
]);

function quote(s: string): string {
  return `"${s}"`;
}

/** `author` is implied by `author__publisher`: keep the longest paths only. */
function prune(paths: string[]): string[] {
  return paths.filter((p) => !paths.some((q) => q !== p && q.startsWith(`${p}__`)));
}

export type Origin = { node: Node; kind: 'chain' | 'model-arg' } | { node: Node; kind: 'created'; provided: Set<string> };

/** Forward relations a model method reads on self (`self.author.name`). */
function selfRelations(method: PyFunction, model: ModelInfo): Set<string> {
  const self = method.paramNames[0];
  const out = new Set<string>();
  for (const n of method.body.descendantsOfType('attribute')) {
    if (!n) continue;
    const obj = field(n, 'object');
    const rel = model.relations.get(field(n, 'attribute')!.text);
    if (obj?.type === 'identifier' && obj.text === self && rel && rel.kind !== 'm2m') out.add(rel.name);
  }
  return out;
}

/** The QuerySet expression an instance variable was fetched from (or the create() call that built it). */
export function originOf(fc: FunctionContext, variable: Node): Origin | undefined {
  const bindings = bindingsOf(fc.fn, variable.text);
  if (bindings.length !== 1) return undefined;
  const b = bindings[0];
  if (b.kind === 'iterate') return chainOrigin(fc, b.value);
  if (b.kind !== 'assign') return undefined;
  let value = b.value;
  if (value.type === 'await') value = childrenOf(value)[0] ?? value;
  if (value.type !== 'call') return undefined;
  let callee = field(value, 'function')!;
  // `await sync_to_async(get_object_or_404)(...)` fetches like the wrapped call.
  if (callee.type === 'call' && fc.externalName(field(callee, 'function')!) === 'asgiref.sync.sync_to_async') {
    const wrapped = callArguments(callee).positional[0];
    if (!wrapped) return undefined;
    callee = wrapped;
  }
  const ext = fc.externalName(callee);
  if (ext && /\.a?get_object_or_404$/.test(ext)) {
    const first = callArguments(value).positional[0];
    if (!first) return undefined;
    const r = fc.resolve(first);
    if (r?.kind === 'class' && fc.orm.models.has(r.cls) && fc.orm.models.get(r.cls)!.managers.has('objects')) return { node: first, kind: 'model-arg' };
    return fc.isQuerySetLike(first) ? { node: first, kind: 'chain' } : undefined;
  }
  if (callee.type === 'attribute' && /^a?create$/.test(field(callee, 'attribute')!.text) && fc.isQuerySetLike(field(callee, 'object')!)) {
    return { node: value, kind: 'created', provided: new Set(callArguments(value).keywords.keys()) };
  }
  if (callee.type === 'attribute' && /^a?(get|first|last|latest|earliest)$/.test(field(callee, 'attribute')!.text)) {
    const recv = field(callee, 'object')!;
    if (fc.isQuerySetLike(recv)) return { node: recv, kind: 'chain' };
  }
  return undefined;
}

/** For a loop over a QuerySet: the expression to extend (following one variable hop). */
function chainOrigin(fc: FunctionContext, expr: Node): { node: Node; kind: 'chain' } | undefined {
  if (expr.type === 'identifier') {
    const bindings = bindingsOf(fc.fn, expr.text);
    if (bindings.length !== 1 || bindings[0].kind !== 'assign') return undefined;
    return chainOrigin(fc, bindings[0].value);
  }
  // A list the QuerySet was evaluated into: `[b async for b in qs]`, `await sync_to_async(list)(qs)`.
  if ((expr.type === 'list_comprehension' || expr.type === 'await') && fc.typeOf(expr)?.kind === 'list') {
    const qs = evaluatedQuerySet(expr);
    return qs ? chainOrigin(fc, qs) : undefined;
  }
  if (expr.type === 'call') {
    const f = field(expr, 'function');
    if (f?.type === 'attribute' && /^a?iterator$/.test(field(f, 'attribute')!.text)) return chainOrigin(fc, field(f, 'object')!);
  }
  const t = fc.typeOf(expr);
  return t?.kind === 'queryset' ? { node: expr, kind: 'chain' } : undefined;
}

/** Relations already passed to select_related along a chain. */
export function existingSelect(node: Node | undefined): Set<string> {
  const out = new Set<string>();
  for (let n = node; n && n.type === 'call'; ) {
    const f = field(n, 'function');
    if (f?.type !== 'attribute') break;
    if (field(f, 'attribute')!.text === 'select_related' || field(f, 'attribute')!.text === 'prefetch_related') {
      for (const a of callArguments(n).positional) {
        const s = stringValue(a);
        if (s) out.add(s);
      }
    }
    n = field(f, 'object')!;
  }
  return out;
}

interface RenderNeeds {
  unknown?: string;
  /** With `unknown`: context values that are QuerySets the template may evaluate while rendering. */
  lazyQuerySets: { key: string; value: Node; template: string }[];
  /** An evaluated list only gains a select_related (a second run): no new database work. */
  evaluatedBefore?: boolean;
  edits: TextEdit[];
  origins: { origin: Origin; needs: Needs; what: string }[];
  evaluated: string[];
  relations: string[];
}

function renderNeeds(fc: FunctionContext, call: Node): RenderNeeds {
  const result = renderNeedsOf(fc, call);
  if (result.unknown) result.lazyQuerySets = lazyQuerySets(fc, call);
  return result;
}

/** QuerySets in a render() context dict that the template reads (or may read, when its reads are unknown). */
function lazyQuerySets(fc: FunctionContext, call: Node): RenderNeeds['lazyQuerySets'] {
  const args = callArguments(call);
  const template = stringValue(args.keywords.get('template_name') ?? args.positional[1]) ?? 'the template';
  let ctxNode: Node | undefined = args.keywords.get('context') ?? args.positional[2];
  if (ctxNode?.type === 'identifier') {
    const b = bindingsOf(fc.fn, ctxNode.text);
    ctxNode = b.length === 1 && b[0].kind === 'assign' ? b[0].value : undefined;
  }
  if (ctxNode?.type !== 'dictionary') return [];
  const reads = template === 'the template' ? undefined : fc.ac.templates.reads(template);
  const out: RenderNeeds['lazyQuerySets'] = [];
  for (const pair of childrenOf(ctxNode)) {
    if (pair.type !== 'pair') continue;
    const key = stringValue(field(pair, 'key'));
    const value = field(pair, 'value')!;
    if (key === undefined || fc.typeOf(value)?.kind !== 'queryset') continue;
    if (reads && !reads.unknown && !reads.paths.some((p) => p[0] === key)) continue;
    out.push({ key, value, template });
  }
  return out;
}

function renderNeedsOf(fc: FunctionContext, call: Node): RenderNeeds {
  const out: RenderNeeds = { edits: [], origins: [], evaluated: [], relations: [], lazyQuerySets: [] };
  // render() runs the context processors in the caller's thread: in an async view, the event loop's.
  const processor = fc.externalName(field(call, 'function')!) === 'django.shortcuts.render' ? blockingContextProcessor(fc) : undefined;
  if (processor) return { ...out, unknown: `the context processor ${processor} runs a query or I/O while rendering` };
  const foreign = fc.externalName(field(call, 'function')!) === 'django.shortcuts.render' ? unknownContextProcessor(fc) : undefined;
  if (foreign) return { ...out, unknown: foreign };
  const args = callArguments(call);
  const template = stringValue(args.keywords.get('template_name') ?? args.positional[1]);
  if (!template) return { ...out, unknown: 'the template name is not a string literal' };
  const reads = fc.ac.templates.reads(template);
  if (reads.unknown) return { ...out, unknown: reads.unknown };
  let ctxNode: Node | undefined = args.keywords.get('context') ?? args.positional[2];
  if (ctxNode?.type === 'identifier') {
    const b = bindingsOf(fc.fn, ctxNode.text);
    ctxNode = b.length === 1 && b[0].kind === 'assign' ? b[0].value : undefined;
    if (!ctxNode) return { ...out, unknown: 'the context is not a dict literal' };
  }
  const pairs = new Map<string, Node>();
  if (ctxNode) {
    if (ctxNode.type !== 'dictionary') return { ...out, unknown: 'the context is not a dict literal' };
    for (const pair of childrenOf(ctxNode)) {
      if (pair.type === 'comment') continue;
      if (pair.type !== 'pair') return { ...out, unknown: 'the context unpacks another mapping' };
      const key = stringValue(field(pair, 'key'));
      if (key === undefined) return { ...out, unknown: 'a context key is not a string literal' };
      pairs.set(key, field(pair, 'value')!);
    }
  }
  for (const p of reads.paths) {
    if (LAZY_CONTEXT.has(p[0]) && !pairs.has(p[0])) {
      const why = p[0] === 'user' || p[0] === 'perms' ? 'which the auth context processor loads lazily: a session and a user query for a logged-in visitor' : 'which loads lazily';
      return { ...out, unknown: `it reads ${p.join('.')}, ${why}` };
    }
  }
  for (const [key, value] of pairs) {
    const paths = reads.paths.filter((p) => p[0] === key).map((p) => p.slice(1));
    const t = fc.typeOf(value);
    if (t?.kind === 'queryset') {
      if (paths.some((p) => p.length && p[0] !== '[]')) return { ...out, unknown: `it reads ${key} as a QuerySet (${paths.find((p) => p.length && p[0] !== '[]')!.join('.')})` };
      const needs: Needs = { select: new Set(), prefetch: new Set() };
      const problem = walkRelations(fc.orm, t.model, paths.filter((p) => p[0] === '[]').map((p) => p.slice(1)), needs, `${key}[]`);
      if (problem) return { ...out, unknown: problem };
      if (!paths.length) continue;
      const deferred = deferredFieldsOf(fc, value);
      const late = paths.find((p) => p[0] === '[]' && p[1] && isDeferred(deferred, t.model, p[1]));
      if (late) return { ...out, unknown: `it reads ${key}[].${late[1]}, which ${deferred!.call.text} leaves deferred (a query per row)` };
      const existing = existingSelect(value);
      const sel = prune([...needs.select]).filter((s) => !existing.has(s));
      const pre = [...needs.prefetch].filter((s) => !existing.has(s));
      const added = `${sel.length ? `.select_related(${sel.map(quote).join(', ')})` : ''}${pre.length ? `.prefetch_related(${pre.map(quote).join(', ')})` : ''}`;
      if (fc.ac.django('4.1')) {
        const v = elementName(t.model?.cls.name, value.text);
        out.edits.push({ start: value.startIndex, end: value.startIndex, text: `[${v} async for ${v} in ` }, { start: value.endIndex, end: value.endIndex, text: `${added}]` });
      } else {
        const imp = fc.namedImport('asgiref.sync', 'sync_to_async');
        out.edits.push({ start: value.startIndex, end: value.startIndex, text: `await ${imp.local}(list)(` }, { start: value.endIndex, end: value.endIndex, text: `${added})` });
      }
      out.evaluated.push(key);
      if (added) out.relations.push(added.slice(1));
      continue;
    }
    if (t?.kind === 'instance') {
      const needs: Needs = { select: new Set(), prefetch: new Set() };
      const problem = walkRelations(fc.orm, t.model, paths, needs, key);
      if (problem) return { ...out, unknown: problem };
      if (!needs.select.size && !needs.prefetch.size) continue;
      const origin = value.type === 'identifier' ? originOf(fc, value) : undefined;
      if (!origin) return { ...out, unknown: `the template follows relations of ${key}, whose query awaitify cannot find` };
      out.origins.push({ origin, needs, what: `${key} in ${template}` });
      continue;
    }
    const iterable = t?.kind === 'list' ? evaluatedQuerySet(value) : undefined;
    if (t?.kind === 'list' && iterable) {
      // Already evaluated in the view (a second run): the iterable may still lack a relation.
      const element = t.of?.kind === 'instance' ? t.of.model : undefined;
      if (paths.some((p) => p.length && p[0] !== '[]')) return { ...out, unknown: `it reads ${key} as a QuerySet (${paths.find((p) => p.length && p[0] !== '[]')!.join('.')})` };
      const needs: Needs = { select: new Set(), prefetch: new Set() };
      const problem = walkRelations(fc.orm, element, paths.filter((p) => p[0] === '[]').map((p) => p.slice(1)), needs, `${key}[]`);
      if (problem) return { ...out, unknown: problem };
      const existing = existingSelect(iterable);
      const sel = prune([...needs.select]).filter((x) => !existing.has(x));
      const pre = [...needs.prefetch].filter((x) => !existing.has(x));
      if (iterable && (sel.length || pre.length)) {
        const added = `${sel.length ? `.select_related(${sel.map(quote).join(', ')})` : ''}${pre.length ? `.prefetch_related(${pre.map(quote).join(', ')})` : ''}`;
        out.edits.push({ start: iterable.endIndex, end: iterable.endIndex, text: added });
        out.evaluated.push(key);
        out.relations.push(added.slice(1));
        out.evaluatedBefore = true;
      }
      continue;
    }
    if (paths.some((p) => p.length > 0) && !isLiteral(value)) return { ...out, unknown: `it reads attributes of ${key}, whose type awaitify cannot tell` };
  }
  return out;
}

/** The QuerySet a list was built from: `[b async for b in qs]` or `await sync_to_async(list)(qs)`. */
function evaluatedQuerySet(value: Node): Node | undefined {
  if (value.type === 'list_comprehension') {
    const clause = childrenOf(value).find((c) => c.type === 'for_in_clause');
    return clause ? field(clause, 'right') : undefined;
  }
  if (value.type === 'await') {
    const call = childrenOf(value)[0];
    return call?.type === 'call' ? callArguments(call).positional[0] : undefined;
  }
  return undefined;
}

function isLiteral(node: Node): boolean {
  return ['string', 'integer', 'float', 'true', 'false', 'none', 'dictionary', 'list', 'tuple', 'concatenated_string'].includes(node.type);
}

/** Adds the select/prefetch paths that template reads need; returns why when a read may query. */
function walkRelations(orm: OrmIndex, model: ModelInfo | undefined, paths: string[][], needs: Needs, label: string, prefix = ''): string | undefined {
  for (const p of paths) {
    if (!p.length) continue;
    if (!model) return `it reads ${label}.${p.join('.')} on a model awaitify does not know`;
    const [attr, ...rest] = p;
    const rel = model.relations.get(attr);
    if (rel) {
      const full = `${prefix}${attr}`;
      if (rel.kind === 'm2m') {
        needs.prefetch.add(full);
        const tail = rest[0] === 'all' ? rest.slice(1) : rest;
        if (tail[0] === '[]') {
          const problem = walkRelations(orm, orm.modelOf(rel.target), [tail.slice(1)], needs, `${label}.${attr}[]`, '');
          if (problem) return problem;
        } else if (tail.length) return `it reads ${label}.${p.join('.')}`;
        continue;
      }
      if (rest.length) {
        const problem = walkRelations(orm, orm.modelOf(rel.target), [rest], needs, `${label}.${attr}`, `${full}__`);
        if (problem) return problem;
      }
      needs.select.add(full);
      continue;
    }
    const reverse = model.reverse.get(attr);
    if (reverse) return `it reads the reverse relation ${label}.${attr}`;
    if (model.fields.has(attr) || /^get_\w+_display$/.test(attr)) {
      if (rest.length) return `it reads ${label}.${p.join('.')}`;
      continue;
    }
    return `it reads ${label}.${attr}, which is not a field of ${model.cls.name} (a method or property may query)`;
  }
  return undefined;
}

function elementName(modelName: string | undefined, iterable: string): string {
  const base = modelName ? modelName.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase() : 'obj';
  for (const c of [base, 'obj', 'item']) if (!new RegExp(`\\b${c}\\b`).test(iterable)) return c;
  return '_obj';
}

const processorCache = new WeakMap<AnalysisContext, string | null>();

/** The first project context processor (from settings) that blocks, itself or through the project functions it calls. */
function blockingContextProcessor(fc: FunctionContext): string | undefined {
  const cached = processorCache.get(fc.ac);
  if (cached !== undefined) return cached ?? undefined;
  const blocks = new Map<string, boolean>();
  const detectors = PYTHON_RULES.filter((r) => r.detect && r.meta.id !== RULE);
  const visit = (fn: PyFunction): boolean => {
    const known = blocks.get(fn.id);
    if (known !== undefined) return known;
    blocks.set(fn.id, false);
    const inner = new FunctionContext(fc.ac, fn, [], fc.entries);
    inner.resolvedCalls = new Set();
    let result = fileRegions(fc.ac, fn).length > 0 || atomicRegions(fc.ac, fn).length > 0 || detectors.some((r) => r.detect!(inner).some((s) => s.seed || s.safety === 'manual'));
    for (const call of result ? [] : inner.calls()) {
      const callee = calleeFunction(fc.project, fc.orm, fn.module, fn, field(call, 'function')!);
      if (callee && !callee.isAsync && visit(callee)) {
        result = true;
        break;
      }
    }
    blocks.set(fn.id, result);
    return result;
  };
  let found: string | undefined;
  for (const [id, c] of fc.entries?.djangoCalled ?? []) {
    const fn = c.kind === 'context-processor' ? fc.project.functions.find((f) => f.id === id) : undefined;
    if (fn && visit(fn)) {
      found = `${fn.module.dotted[fn.module.dotted.length - 1] ?? fn.module.path}.${fn.qualname}`;
      break;
    }
  }
  processorCache.set(fc.ac, found ?? null);
  return found;
}
