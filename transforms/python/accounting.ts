// The unit of decision: a function may become async only when every operation
// in it is accounted for. This pass walks every operation of a function body
// (calls, attribute reads that may query, loops, truth tests, string
// conversions) and classifies each one: claimed by a rule's site (converted or
// wrapped), a call of a project function (awaited, or run through
// sync_to_async by the adapter when it is sync and not harmless), already
// wrapped (`sync_to_async`), or on a small allow-list of APIs known not to touch
// sync-only Django machinery. Whatever is left is unaccounted: sync-only until
// proven otherwise.
import { inTruthTest } from './rules/queryset-evaluation.js';
import { instanceDeferred, isAnnotated, isDeferred } from './deferred.js';
import type { PyNode as Node } from './tree.js';
import { calleeFunction, type PyCallSite } from './callgraph.js';
import { FunctionContext, lineColumn, statementOf, type AnalysisContext, type Site, type SyncRegion } from './context.js';
import type { EntryInfo } from './entries.js';
import { containsYield } from './generators.js';
import { moveBlock } from './move-block.js';
import { needsLoopThread, TASK_IN_THREAD, taskScheduling } from './rules/asyncio-task.js';
import { bindingNodes, memoByFunctionAndName, QUERYSET_METHODS, type PyType } from './orm.js';
import { callArguments, childrenOf, field, stringValue } from './parser.js';
import { externalAncestors, findMethod, resolveExpr, resolveName, type PyClass, type PyFunction } from './project.js';

export interface Unaccounted {
  node: Node;
  line: number;
  /** What the operation is and why it may block: "`form.is_valid()` may query the database (...)"; empty when not asked for (AccountingOptions.messages). */
  message: string;
  /** Which rule answers for it: forms have their own. */
  rule: 'form-call' | 'sync-to-async-wrap';
  /** Read of a model method's own lazy relation: harmless for callers that load it first. */
  deferred?: boolean;
  /** Why it cannot run in sync_to_async's thread (it needs the event loop): the function stays sync instead. */
  noThread?: string;
}

export interface AccountingOptions {
  /** Node ids a rule's applied site converts or wraps. */
  claimed: ReadonlySet<number>;
  /** Node ids claimed by sites that only block for callers that do not resolve them. */
  deferredClaims: ReadonlySet<number>;
  /** Whether the function is a view (its parameters after `request` are URL values). */
  isView: boolean;
  /** Whether a sync project function runs nothing sync-only (no query, no I/O), so it may be called directly. */
  harmless(fn: PyFunction, call?: Node): boolean;
  /** Whether a `render()` call is proven to render without a query (lazy-relation's template check). */
  renderProven(call: Node): boolean;
  /** Parameters every caller passes plain data to (a string, a number, a JSON value), by function id. */
  dataParams?: Map<string, Set<string>>;
  /**
   * false: the operations' messages are never read (the function cannot become async), so they are
   * left empty; as strings for every operation they held about 20 MB on saleor to the end of the run.
   */
  messages?: boolean;
}

type Kind =
  | { k: 'data' }
  | { k: 'container' }
  | { k: 'request' }
  | { k: 'user' }
  | { k: 'form'; name: string }
  | { k: 'logger' }
  | { k: 'response' }
  | { k: 'http' }
  | { k: 'client' }
  | { k: 'orm'; t: PyType }
  | { k: 'resolved' }
  | { k: 'unknown' };

const DATA: Kind = { k: 'data' };
const UNKNOWN: Kind = { k: 'unknown' };

/** Python builtins that do not reach into their arguments beyond iterating or converting them. */
const BUILTIN_FUNCS = new Set([
  'len', 'str', 'int', 'float', 'bool', 'dict', 'list', 'tuple', 'set', 'frozenset', 'sorted', 'min', 'max', 'sum', 'any', 'all', 'enumerate', 'zip',
  'range', 'isinstance', 'issubclass', 'repr', 'abs', 'round', 'divmod', 'format', 'print', 'reversed', 'map', 'filter', 'iter', 'next', 'hash', 'id',
  'type', 'callable', 'chr', 'ord', 'hex', 'oct', 'bin', 'bytes', 'bytearray', 'super', 'object', 'slice', 'pow',
]);
/** Builtins whose argument is iterated (a QuerySet argument runs its query). */
const ITERATING_BUILTINS = new Set(['dict', 'list', 'tuple', 'set', 'frozenset', 'sorted', 'min', 'max', 'sum', 'any', 'all', 'enumerate', 'zip', 'reversed', 'map', 'filter', 'iter', 'len', 'bool']);
const BUILTIN_EXCEPTIONS = /^(BaseException|Exception|ArithmeticError|AssertionError|AttributeError|EOFError|ImportError|IndexError|KeyError|LookupError|NameError|NotImplementedError|OSError|OverflowError|PermissionError|RuntimeError|StopIteration|TypeError|UnicodeError|ValueError|ZeroDivisionError|FileNotFoundError|TimeoutError|ConnectionError|NotImplemented)$/;

/** External APIs known not to touch sync-only Django machinery (no query, no session, no blocking I/O). */
const HARMLESS_EXTERNAL = [
  /^json\.(loads|dumps)$/,
  /^(datetime|decimal|math|re|uuid|string|textwrap|enum|dataclasses|typing|operator|collections|itertools|functools|html|base64|hashlib|hmac|secrets|random|copy|urllib\.parse)\./,
  /^time\.(time|monotonic|perf_counter|time_ns)$/,
  /^logging\./,
  /^django\.urls\.(reverse|reverse_lazy)$/,
  /^django\.http(\.response)?\.(HttpResponse|JsonResponse|HttpResponseRedirect|HttpResponsePermanentRedirect|HttpResponseNotFound|HttpResponseBadRequest|HttpResponseForbidden|HttpResponseNotAllowed|HttpResponseGone|HttpResponseServerError|HttpResponseNotModified|Http404)$/,
  /^django\.http\.QueryDict$/,
  /^django\.contrib\.messages\.(add_message|debug|info|success|warning|error)$/,
  /^django\.utils\.translation\.(gettext|gettext_lazy|ngettext|ngettext_lazy|pgettext|pgettext_lazy|ugettext|ugettext_lazy|get_language)$/,
  /^django\.utils\.timezone\.(now|localtime|localdate|make_aware|make_naive|is_aware|is_naive|get_current_timezone|timedelta)$/,
  /^django\.utils\.(text|html|http|encoding|dateparse|safestring|crypto)\./,
  /^django\.core\.exceptions\./,
  /^django\.core\.signing\./,
  /^django\.db\.models\.(Q|F|Value|Count|Sum|Avg|Max|Min|Prefetch|OuterRef|Subquery|Exists|Case|When|ExpressionWrapper)$/,
  /^django\.db\.models\.functions\./,
  /^django\.template\.response\.(TemplateResponse|SimpleTemplateResponse)$/,
  /^asgiref\.sync\.sync_to_async$/,
  /^pathlib\.(Path|PurePath|PurePosixPath)$/,
  /^os\.path\.(join|basename|dirname|splitext|normpath|split|relpath)$/,
  /^os\.environ\.get$/,
];
const RESPONSE_CLASSES = /^django\.(http(\.response)?\.(HttpResponse\w*|JsonResponse)|template\.response\.\w*TemplateResponse)$/;

/** Request attributes that are plain data (no session, no user, no middleware-set object). */
const REQUEST_DATA = new Set(['GET', 'POST', 'FILES', 'COOKIES', 'META', 'headers', 'method', 'path', 'path_info', 'body', 'content_type', 'content_params', 'encoding', 'scheme', 'resolver_match', 'upload_handlers']);
const REQUEST_METHODS = new Set(['build_absolute_uri', 'get_full_path', 'get_full_path_info', 'get_host', 'get_port', 'is_secure', 'accepts', 'get_signed_cookie', 'read', 'readline']);
/** Attributes and methods of the auth user that read loaded fields only. */
const USER_DATA = new Set(['is_authenticated', 'is_anonymous', 'is_active', 'is_staff', 'is_superuser', 'pk', 'id', 'username', 'email', 'first_name', 'last_name', 'date_joined', 'last_login', 'get_username', 'get_full_name', 'get_short_name']);
const CONTAINER_METHODS = new Set(['get', 'items', 'keys', 'values', 'append', 'extend', 'insert', 'pop', 'popitem', 'remove', 'clear', 'copy', 'update', 'setdefault', 'index', 'count', 'sort', 'reverse', 'add', 'discard', 'union', 'intersection', 'difference', 'getlist', 'lists', 'dict', 'urlencode']);
const RESPONSE_METHODS = new Set(['set_cookie', 'delete_cookie', 'set_signed_cookie', 'setdefault', 'has_header', 'get', 'write', 'items']);
const HTTP_RESPONSE = new Set(['status_code', 'json', 'text', 'content', 'headers', 'raise_for_status', 'ok', 'reason', 'url', 'encoding', 'is_success', 'is_error']);
const QUERYSET_DATA = new Set(['model', 'query', 'ordered', 'db']);
const MODEL_DATA = new Set(['pk', 'id', '_meta', '_state', 'DoesNotExist', 'MultipleObjectsReturned', 'objects']);
/** Session methods that return stored values (or key lists) as the serializer restored them. */
const SESSION_VALUE_METHODS = new Set(['get', 'pop', 'setdefault', 'aget', 'apop', 'asetdefault', 'keys', 'values', 'items', 'has_key']);
const FORM_MODULE = /^django\.forms\b|^django\.contrib\.auth\.forms\b/;

/** Whether an expression is plain data (a string, number, JSON value, request parameter). */
export function isPlainData(fc: FunctionContext, options: AccountingOptions, node: Node): boolean {
  return new Accountant(fc, options).kindOf(node).k === 'data';
}

/** A local an HTTP client (requests.Session) is bound to, read by these statements: it may become an async client outside them. */
function readsHttpClient(fc: FunctionContext, options: AccountingOptions, statements: Node[]): string | undefined {
  const acc = new Accountant(fc, options);
  for (const s of statements) {
    for (const id of [s, ...s.descendantsOfType('identifier')]) {
      if (!id || id.type !== 'identifier' || !fc.fn.locals.has(id.text)) continue;
      if (acc.kindOf(id).k === 'client') return id.text;
    }
  }
  return undefined;
}

/** The operations of one function that are not accounted for, in source order. */
export function unaccountedOperations(fc: FunctionContext, options: AccountingOptions): Unaccounted[] {
  return new Accountant(fc, options).run();
}

class Accountant {
  private readonly out: Unaccounted[] = [];
  private readonly kinds = new Map<number, Kind>();
  private readonly varKinds = new Map<string, Kind | 'pending'>();

  constructor(
    readonly fc: FunctionContext,
    readonly options: AccountingOptions,
  ) {}

  run(): Unaccounted[] {
    const visit = (node: Node, inLambda: boolean) => {
      for (const child of childrenOf(node)) {
        if (child.type === 'function_definition' || child.type === 'class_definition' || child.type === 'decorated_definition') continue;
        if (this.fc.isExcluded(child)) continue;
        this.classify(child, inLambda || child.type === 'lambda' || child.type === 'generator_expression');
        visit(child, inLambda || child.type === 'lambda' || child.type === 'generator_expression');
      }
    };
    visit(this.fc.fn.body, false);
    return this.out;
  }

  private flag(node: Node, message: () => string, rule: Unaccounted['rule'] = 'sync-to-async-wrap', noThread?: string): void {
    const deferred = this.options.deferredClaims.has(node.id);
    const line = lineColumn(this.fc.module.text, node.startIndex).line;
    this.out.push({ node, line, message: this.options.messages === false ? '' : message(), rule, ...(deferred ? { deferred } : {}), ...(noThread ? { noThread } : {}) });
  }

  /** A parameter awaitify knows nothing about (a caller may pass a QuerySet, which indexing or `in` evaluates). */
  private unknownParam(node: Node, k: Kind): boolean {
    return k.k === 'unknown' && node.type === 'identifier' && this.fc.fn.paramNames.includes(node.text);
  }

  private claimed(node: Node): boolean {
    return this.options.claimed.has(node.id);
  }

  private classify(node: Node, inLambda: boolean): void {
    switch (node.type) {
      case 'call':
        return this.call(node, inLambda);
      case 'attribute':
        return this.attributeRead(node, inLambda);
      case 'for_statement':
      case 'for_in_clause': {
        if (node.children.some((c) => c?.type === 'async') || this.claimed(node)) return;
        const right = field(node, 'right');
        if (right && !this.claimed(right)) this.iterated(right, node);
        return;
      }
      case 'interpolation': {
        const expr = childrenOf(node)[0];
        if (expr) this.stringified(expr);
        return;
      }
      case 'subscript': {
        // `qs[0]` runs a query; indexing a value that may be a QuerySet may too.
        const value = field(node, 'value');
        const p = node.parent;
        if (!value || this.claimed(node) || this.claimed(value) || (p && (p.type === 'assignment' || p.type === 'augmented_assignment') && field(p, 'left')?.id === node.id)) return;
        const subs = node.childrenForFieldName('subscript');
        if (subs.some((x) => x?.type === 'slice')) return; // a slice of a QuerySet stays lazy
        const k = this.kindOf(value);
        if ((k.k === 'orm' && (k.t.kind === 'queryset' || k.t.kind === 'manager')) || this.unknownParam(value, k)) {
          this.flag(node, () => `\`${short(node.text)}\` indexes ${short(value.text)}, which may be a QuerySet (indexing runs a query)`);
        }
        return;
      }
      case 'comparison_operator': {
        // `x in qs` evaluates the QuerySet.
        const ops = node.children.filter((c) => c && !c.isNamed).map((c) => c!.text);
        const right = childrenOf(node)[1];
        if (!right || !ops.some((o) => o === 'in' || o === 'not in' || o === 'not')) return;
        if (this.claimed(right)) return;
        const k = this.kindOf(right);
        if ((k.k === 'orm' && (k.t.kind === 'queryset' || k.t.kind === 'manager')) || this.unknownParam(right, k)) this.flag(node, () => `\`${short(node.text)}\` tests membership in ${short(right.text)}, which may be a QuerySet (its query would run here)`);
        return;
      }
      case 'identifier':
        if (inTruthTest(node) && !this.claimed(node)) {
          const k = this.kindOf(node);
          if (k.k === 'unknown' || k.k === 'form' || (k.k === 'orm' && (k.t.kind === 'queryset' || k.t.kind === 'manager'))) {
            if (this.fc.fn.locals.has(node.text) && !this.fc.fn.paramNames.includes(node.text)) this.flag(node, () => `\`${node.text}\` is tested for truth, which evaluates it (a QuerySet runs its query), and awaitify cannot tell what it holds`);
          }
        }
        return;
      default:
        return;
    }
  }

  // ---- calls ----

  private call(call: Node, inLambda: boolean): void {
    if (this.claimed(call) || this.isAwaited(call)) return;
    const callee = field(call, 'function');
    if (!callee) return;
    const shown = `\`${short(callee.text)}()\``;
    // Scheduling a task needs the event loop's thread: kept in place only by asyncio-task's (review) site.
    const task = taskScheduling(this.fc, call);
    if (task) return this.flag(call, () => `${shown} schedules a task on the running event loop, which awaitify keeps in place only as a review change (rule asyncio-task)`, 'sync-to-async-wrap', TASK_IN_THREAD);
    // `sync_to_async(f)(...)`: wrapped.
    if (callee.type === 'call') {
      const inner = field(callee, 'function');
      const name = inner ? this.fc.externalName(inner) : undefined;
      if (name === 'asgiref.sync.sync_to_async') return;
      this.flag(call, () => `${shown} calls what another call returned, which awaitify cannot classify`);
      return;
    }
    const target = calleeFunction(this.fc.project, this.fc.orm, this.fc.module, this.fc.fn, callee);
    if (target) {
      // The adapter awaits it (async) or runs it through sync_to_async; neither works inside a lambda or generator.
      if (inLambda && !target.isAsync && !this.options.harmless(target, call)) this.flag(call, () => `${shown} runs ${target.qualname}(), which may query or block, inside a lambda or generator expression that cannot await`);
      return;
    }
    const r = this.fc.resolve(callee);
    if (r?.kind === 'external') return this.externalCall(call, callee, r.name, shown);
    if (r?.kind === 'class') return this.classCall(call, r.cls, shown);
    if (r) return this.flag(call, () => `${shown} is a call awaitify cannot classify`);
    if (callee.type === 'identifier') {
      if (this.factoryForm(callee.text)) return this.flag(call, () => `${shown} builds a form or formset; forms may query while they are built, validated or saved (ModelForm instances, ModelChoiceField querysets, clean_* methods)`, 'form-call');
      if (!this.bound(callee.text) && (BUILTIN_FUNCS.has(callee.text) || BUILTIN_EXCEPTIONS.test(callee.text))) return this.builtinCall(call, callee.text, shown);
      if (this.kindOf(callee).k === 'logger') return;
      // A name defined nowhere (no import, no star import, no binding) raises NameError: nothing sync-only runs.
      if (!this.bound(callee.text) && !/^\s*from\s+\S+\s+import\s+\*/m.test(this.fc.module.text)) return;
      return this.flag(call, () => `${shown} is a call awaitify cannot classify (it may query the database or block)`);
    }
    if (callee.type === 'attribute') return this.methodCall(call, callee, shown);
    this.flag(call, () => `${shown} is a call awaitify cannot classify`);
  }

  private externalCall(call: Node, callee: Node, name: string, shown: string): void {
    if (name.startsWith('builtins.')) return this.builtinCall(call, name.slice('builtins.'.length), shown);
    if (name === 'django.conf.settings' || name.startsWith('django.conf.settings.')) return;
    if (name === 'django.shortcuts.render') {
      if (this.options.renderProven(call)) return;
      return this.flag(call, () => `${shown} renders a template with the context processors synchronously (\`user\` from the auth context processor, lazy relations and QuerySets in the context run queries)`);
    }
    if (name === 'django.shortcuts.redirect') {
      const first = callArguments(call).positional[0];
      const k = first ? this.kindOf(first) : DATA;
      if (k.k === 'data' || k.k === 'resolved') return;
      return this.flag(call, () => `${shown} with a model instance calls its get_absolute_url(), which may query`);
    }
    if (HARMLESS_EXTERNAL.some((re) => re.test(name))) return;
    if (/^asyncio\.(get_event_loop|get_running_loop)$/.test(name)) return this.flag(call, () => `${shown} (${name}) returns the event loop running in the calling thread`, 'sync-to-async-wrap', TASK_IN_THREAD);
    const why = FORM_MODULE.test(name) ? 'form-call' : 'sync-to-async-wrap';
    this.flag(call, () => `${shown} (${name}) is not known to be safe in async code (it may query the database or block)`, why);
  }

  private builtinCall(call: Node, name: string, shown: string): void {
    const args = callArguments(call);
    if (ITERATING_BUILTINS.has(name)) {
      for (const a of args.positional.slice(0, name === 'zip' || name === 'map' || name === 'filter' ? undefined : 1)) {
        if (this.claimed(a)) continue;
        const k = this.kindOf(a);
        if (!iterableKnown(k)) {
          this.flag(call, () => `${shown} iterates ${short(a.text)}, which may be a QuerySet (its query would run here)`);
          return;
        }
      }
    }
    if (name === 'str' || name === 'format' || name === 'repr') {
      const a = args.positional[0];
      if (a) this.stringified(a);
    }
    if (name === 'hasattr' || name === 'getattr') {
      const [obj, attr] = args.positional;
      const k = obj ? this.kindOf(obj) : DATA;
      const attrName = attr ? stringValue(attr) : undefined;
      if (k.k === 'data' || k.k === 'container' || k.k === 'resolved') return;
      if (k.k === 'orm' && k.t.kind === 'instance' && k.t.model && attrName && k.t.model.fields.has(attrName) && !k.t.model.relations.has(attrName)) return;
      this.flag(call, () => `${shown} reads ${attrName ?? 'an attribute'} of ${short(obj?.text ?? '')}, which may load a related object (a reverse one-to-one such as user.profile runs a query)`);
    }
  }

  private classCall(call: Node, cls: PyClass, shown: string): void {
    if (this.fc.orm.models.has(cls)) return;
    const ancestors = externalAncestors(this.fc.project, cls);
    if (ancestors.some((a) => FORM_MODULE.test(a))) {
      return this.flag(call, () => `${shown} builds a form; forms may query while they are built, validated or saved (ModelForm instances, ModelChoiceField querysets, clean_* methods)`, 'form-call');
    }
    if (ancestors.some((a) => /^builtins\.\w*(Exception|Error)$/.test(a) || /Exception|Error$/.test(a)) || ancestors.includes('builtins.object') || isExceptionLike(cls)) return;
    const init = findMethod(this.fc.project, cls, '__init__');
    if (ancestors.length === 0 && (!init || this.options.harmless(init))) return;
    this.flag(call, () => `${shown} builds a ${cls.name}${init ? ', whose __init__ may query or block' : ` (a ${ancestors[0] ?? 'class'} awaitify does not know)`}`);
  }

  private methodCall(call: Node, callee: Node, shown: string): void {
    const obj = field(callee, 'object')!;
    const name = field(callee, 'attribute')!.text;
    const k = this.kindOf(obj);
    switch (k.k) {
      case 'data':
      case 'logger':
        return;
      case 'container':
        if (CONTAINER_METHODS.has(name)) {
          if (name === 'extend' || name === 'update') {
            const a = callArguments(call).positional[0];
            if (a && !this.claimed(a) && !iterableKnown(this.kindOf(a))) this.flag(call, () => `${shown} iterates ${short(a.text)}, which may be a QuerySet`);
          }
          return;
        }
        break;
      case 'request':
        if (REQUEST_METHODS.has(name)) return;
        break;
      case 'user':
        if (USER_DATA.has(name)) return;
        return this.flag(call, () => `${shown} on the user may query (permissions, related objects)`);
      case 'response':
        if (RESPONSE_METHODS.has(name)) return;
        break;
      case 'http':
      case 'client':
        return;
      case 'form':
        return this.flag(call, () => `${shown} may query the database (${formWhy(name)})`, 'form-call');
      case 'orm':
        if ((k.t.kind === 'queryset' || k.t.kind === 'manager') && QUERYSET_METHODS.has(name)) return;
        if (k.t.kind === 'instance' && /^get_\w+_display$|^serializable_value$/.test(name)) return;
        return this.flag(call, () => `${shown} ${k.t.kind === 'instance' ? 'on a model instance' : 'on a QuerySet or manager'} may query the database${k.t.kind !== 'instance' ? ' (a custom manager or QuerySet method, or a query method awaitify did not convert)' : ''}`);
      case 'resolved': {
        // A method of a project function is its decorator's (a task queue's `task.delay()` sends to
        // the broker, or runs the task in place when tasks run eagerly): nothing awaitify can classify.
        const r = obj.type === 'identifier' ? this.fc.resolve(obj) : undefined;
        if (r?.kind === 'function') {
          const decorators = r.fn.decorators.map((d) => short(d.text.replace(/^@/, ''))).join(', ');
          return this.flag(call, () => `${shown} is a call on ${r.fn.qualname}(), ${decorators ? `which its decorator (${decorators}) turns into another object` : 'a function'}; awaitify cannot classify it (it may query the database or block)`);
        }
        return;
      }
      default:
        break;
    }
    this.flag(call, () => `${shown} is a call on ${short(obj.text)}, which awaitify cannot classify (it may query the database or block)`);
  }

  // ---- attribute reads ----

  private attributeRead(node: Node, inLambda: boolean): void {
    const p = node.parent;
    if (p?.type === 'call' && field(p, 'function')?.id === node.id) return;
    if (p && (p.type === 'assignment' || p.type === 'augmented_assignment') && field(p, 'left')?.id === node.id) return;
    if (p?.type === 'keyword_argument' && field(p, 'name')?.id === node.id) return;
    if (this.claimed(node)) return;
    const obj = field(node, 'object')!;
    const attr = field(node, 'attribute')!.text;
    if (this.fc.resolve(node) || this.fc.resolve(obj)) return;
    if (this.selfAttributeIsData(obj, attr)) return;
    const k = this.kindOf(obj);
    const shown = `\`${short(node.text)}\``;
    void inLambda;
    switch (k.k) {
      case 'data':
      case 'container':
      case 'response':
      case 'logger':
      case 'resolved':
        return;
      case 'http':
      case 'client':
        return;
      case 'request':
        if (REQUEST_DATA.has(attr)) return;
        if (attr === 'user') return this.flag(node, () => `${shown} loads the user lazily (a session and a user query)`);
        if (attr === 'session') return this.flag(node, () => `${shown} loads the session lazily (a query with the database session backend)`);
        if (attr === 'auser') return;
        return this.flag(node, () => `${shown} is an attribute a middleware sets, which awaitify cannot classify (it may be a lazy object that queries)`);
      case 'user':
        if (USER_DATA.has(attr)) return;
        return this.flag(node, () => `${shown} may load a related object of the user (a reverse one-to-one such as user.profile runs a query)`);
      case 'form':
        return this.flag(node, () => `${shown} may query the database (${formWhy(attr)})`, 'form-call');
      case 'orm': {
        const t = k.t;
        if (t.kind === 'queryset' || t.kind === 'manager') {
          if (QUERYSET_DATA.has(attr)) return;
          break;
        }
        if (t.kind !== 'instance') break;
        const model = t.model;
        if (isAnnotated(this.fc, obj, attr)) return;
        if (!model) {
          if (USER_DATA.has(attr)) return;
          break;
        }
        if (MODEL_DATA.has(attr)) return;
        const rel = model.relations.get(attr);
        if (rel) {
          if (rel.kind === 'm2m') return;
          return this.flag(node, () => `${shown} loads the related ${attr} lazily (a query), and awaitify cannot load it with select_related where ${short(obj.text)} comes from`);
        }
        if (model.fields.has(attr) || attr.endsWith('_id')) {
          const deferred = instanceDeferred(this.fc, obj);
          if (isDeferred(deferred, model, attr)) return this.flag(node, () => `${shown} reads ${attr}, which ${short(deferred!.call.text)} leaves deferred: reading it runs a query`);
          if (model.fields.has(attr)) return;
        }
        const rev = model.reverse.get(attr);
        if (rev?.many) return;
        if (rev) return this.flag(node, () => `${shown} is a reverse one-to-one relation, which runs a query on first access`);
        const method = findMethod(this.fc.project, model.cls, attr);
        if (method && method.decorators.some((d) => /property$/.test(d.text))) {
          if (this.options.harmless(method)) return;
          return this.flag(node, () => `${shown} is the property ${model.cls.name}.${attr}, which may query or block`);
        }
        if (method) return;
        return this.flag(node, () => `${shown} is not a field of ${model.cls.name} (a method, property or attribute awaitify cannot see may query)`);
      }
      default:
        break;
    }
    this.flag(node, () => `${shown} reads an attribute of ${short(obj.text)}, which awaitify cannot classify (a lazy related object or property would run a query)`);
  }

  /**
   * `self.branch` in a method of a class (not a model) whose every assignment of it is plain
   * data: a class attribute literal, or `self.branch = settings.X` / a literal in a method.
   */
  private selfAttributeIsData(obj: Node, attr: string): boolean {
    const fn = this.fc.fn;
    const cls = fn.cls;
    if (!cls || this.fc.orm.models.has(cls) || obj.type !== 'identifier' || obj.text !== fn.paramNames[0] || fn.locals.has(obj.text) && localBindings(fn, obj.text).length) return false;
    const values: { node: Node; method?: PyFunction }[] = [];
    const classValue = cls.attrs.get(attr);
    if (classValue) values.push({ node: classValue });
    for (const m of cls.methods.values()) {
      const self = m.paramNames[0];
      if (!self) continue;
      for (const a of m.body.descendantsOfType('assignment')) {
        const left = a && field(a, 'left');
        if (left?.type === 'attribute' && field(left, 'object')?.text === self && field(left, 'attribute')?.text === attr) {
          const right = field(a!, 'right');
          if (!right) return false;
          values.push({ node: right, method: m });
        }
      }
    }
    if (!values.length) return false;
    return values.every((v) => {
      if (['string', 'integer', 'float', 'true', 'false', 'none', 'concatenated_string'].includes(v.node.type)) return true;
      if (!v.method) return false;
      const r = resolveExpr(this.fc.project, v.method.module, v.method, v.node);
      return r?.kind === 'external' && r.name.startsWith('django.conf.settings.');
    });
  }

  // ---- evaluation ----

  private iterated(expr: Node, loop: Node): void {
    const k = this.kindOf(expr);
    if (iterableKnown(k)) return;
    void loop;
    this.flag(expr, () => `iterating \`${short(expr.text)}\` may run a query (awaitify cannot tell that it is not a QuerySet)`);
  }

  private stringified(expr: Node): void {
    const k = this.kindOf(expr);
    if (k.k === 'data' || k.k === 'user' || k.k === 'resolved' || k.k === 'http' || k.k === 'logger') return;
    if (k.k === 'orm' && k.t.kind === 'instance' && k.t.model) {
      const model = k.t.model;
      const str = findMethod(this.fc.project, model.cls, '__str__');
      if (!str || this.options.harmless(str)) return;
      return this.flag(expr, () => `\`str(${short(expr.text)})\` runs ${model.cls.name}.__str__, which may query (it reads a relation or calls something awaitify cannot classify)`);
    }
    // A call or attribute is classified itself; arithmetic formats numbers.
    if (expr.type === 'call' || expr.type === 'attribute' || expr.type === 'binary_operator' || expr.type === 'unary_operator') return;
    this.flag(expr, () => `\`${short(expr.text)}\` is converted to a string, which runs its __str__; awaitify cannot tell that it runs no query`);
  }

  // ---- value kinds ----

  private bound(name: string): boolean {
    return this.fc.fn.locals.has(name) || Boolean(resolveName(this.fc.project, this.fc.module, this.fc.fn, name)) || this.fc.module.assigned.has(name) || this.fc.module.imports.has(name);
  }

  /**
   * A module-level name (here or imported from a project module) bound to a form class a
   * factory built: `EntryFormSet = formset_factory(EntryForm)`.
   */
  private factoryForm(name: string): boolean {
    let module = this.fc.module;
    let local = name;
    const imp = module.imports.get(name);
    if (imp && !this.fc.fn.locals.has(name)) {
      const target = imp.name ? this.fc.project.byDotted.get(imp.module) : undefined;
      if (!target || !imp.name) return false;
      module = target;
      local = imp.name;
    } else if (this.fc.fn.locals.has(name)) return false;
    const assigned = module.assigned.get(local) ?? [];
    return assigned.length > 0 && assigned.every((a) => {
      const right = field(a, 'right');
      const callee = right?.type === 'call' ? field(right, 'function') : undefined;
      const r = callee ? resolveExpr(this.fc.project, module, undefined, callee) : undefined;
      return r?.kind === 'external' && /^django\.(forms|contrib\.contenttypes\.forms)\b.*\.(formset_factory|modelformset_factory|inlineformset_factory|modelform_factory|form_factory|generic_inlineformset_factory)$/.test(r.name);
    });
  }

  private isAwaited(node: Node): boolean {
    let p = node.parent;
    while (p?.type === 'parenthesized_expression') p = p.parent;
    return p?.type === 'await';
  }

  kindOf(node: Node): Kind {
    const cached = this.kinds.get(node.id);
    if (cached) return cached;
    const k = this.computeKind(node);
    this.kinds.set(node.id, k);
    return k;
  }

  private computeKind(node: Node): Kind {
    const t = this.fc.typeOf(node);
    if (t) return { k: 'orm', t };
    switch (node.type) {
      case 'string':
      case 'concatenated_string':
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
      case 'comparison_operator':
      case 'not_operator':
        return DATA;
      case 'dictionary':
      case 'list':
      case 'tuple':
      case 'set': {
        const items = childrenOf(node).flatMap((c) => (c.type === 'pair' ? [field(c, 'value')!] : [c])).filter((c) => c && c.type !== 'comment');
        return items.every((c) => this.kindOf(c).k === 'data') ? DATA : { k: 'container' };
      }
      case 'list_comprehension':
      case 'dictionary_comprehension':
      case 'set_comprehension':
        return { k: 'container' };
      case 'parenthesized_expression': {
        const inner = childrenOf(node)[0];
        return inner ? this.kindOf(inner) : UNKNOWN;
      }
      case 'binary_operator':
      case 'boolean_operator': {
        const l = field(node, 'left');
        const r = field(node, 'right');
        return l && r && this.kindOf(l).k === 'data' && this.kindOf(r).k === 'data' ? DATA : UNKNOWN;
      }
      case 'unary_operator':
        return DATA;
      case 'conditional_expression': {
        const [a, , b] = childrenOf(node);
        const ka = a ? this.kindOf(a) : UNKNOWN;
        const kb = b ? this.kindOf(b) : UNKNOWN;
        return ka.k === kb.k && ka.k !== 'orm' ? ka : UNKNOWN;
      }
      case 'await': {
        const inner = childrenOf(node)[0];
        const f = inner?.type === 'call' ? field(inner, 'function') : undefined;
        if (f?.type === 'attribute' && field(f, 'attribute')!.text === 'auser') return { k: 'user' };
        if (f?.type === 'call') {
          const g = callArguments(f).positional[0];
          if (g && /(^|\.)get_user$/.test(this.fc.externalName(g) ?? '')) return { k: 'user' };
        }
        return UNKNOWN;
      }
      case 'identifier':
        return this.identifierKind(node);
      case 'attribute': {
        const obj = field(node, 'object')!;
        const attr = field(node, 'attribute')!.text;
        const r = this.fc.resolve(node);
        if (r) {
          if (r.kind === 'external' && r.name.startsWith('django.conf.settings.')) return DATA;
          return r.kind === 'external' ? UNKNOWN : { k: 'resolved' };
        }
        if (this.fc.resolve(obj)?.kind === 'module') return UNKNOWN;
        if (this.selfAttributeIsData(obj, attr)) return DATA;
        const k = this.kindOf(obj);
        if (k.k === 'data') return DATA;
        if (k.k === 'request') {
          if (REQUEST_DATA.has(attr)) return DATA;
          if (attr === 'user' && this.claimed(node)) return { k: 'user' };
          return UNKNOWN;
        }
        if (k.k === 'user') return USER_DATA.has(attr) ? DATA : UNKNOWN;
        if (k.k === 'http') return HTTP_RESPONSE.has(attr) ? DATA : { k: 'http' };
        if (k.k === 'client') return { k: 'http' };
        if (k.k === 'orm' && k.t.kind === 'instance' && isAnnotated(this.fc, obj, attr)) return DATA;
        if (k.k === 'orm' && k.t.kind === 'instance' && k.t.model && k.t.model.fields.has(attr) && !k.t.model.relations.has(attr)) {
          return isDeferred(instanceDeferred(this.fc, obj), k.t.model, attr) ? UNKNOWN : DATA;
        }
        if (k.k === 'form' && attr === 'cleaned_data') return { k: 'container' };
        return UNKNOWN;
      }
      case 'subscript': {
        const value = field(node, 'value');
        if (value && this.isJsonSession(value)) return DATA;
        const k = value ? this.kindOf(value) : UNKNOWN;
        return k.k === 'data' ? DATA : UNKNOWN;
      }
      case 'call':
        return this.callKind(node);
      default:
        return UNKNOWN;
    }
  }

  private callKind(call: Node): Kind {
    const callee = field(call, 'function');
    if (!callee) return UNKNOWN;
    if (callee.type === 'identifier' && !this.bound(callee.text)) {
      if (['str', 'int', 'float', 'bool', 'len', 'repr', 'format', 'round', 'abs', 'sum', 'hash', 'chr', 'ord', 'isinstance'].includes(callee.text)) return DATA;
      if (['list', 'dict', 'tuple', 'set', 'sorted', 'enumerate', 'zip', 'range', 'reversed'].includes(callee.text)) return { k: 'container' };
    }
    const r = this.fc.resolve(callee);
    if (r?.kind === 'external') {
      const n = r.name;
      if (/^builtins\.(str|int|float|bool|len|repr|format|round|abs|sum|isinstance|hasattr)$/.test(n)) return DATA;
      if (/^builtins\.(list|dict|tuple|set|sorted|enumerate|zip|range)$/.test(n)) return { k: 'container' };
      if (/^json\.loads$|^django\.urls\.reverse$|^django\.utils\.timezone\.|^django\.utils\.translation\.|^datetime\.|^uuid\.|^django\.conf\.settings\./.test(n)) return DATA;
      // A model instance of a class awaitify does not index (django.contrib.auth's User): its pk and
      // the auth user's plain fields are loaded values; anything else stays unclassified.
      if (/^django\.shortcuts\.get_object_or_404$/.test(n)) return { k: 'orm', t: { kind: 'instance' } };
      if (/^logging\.getLogger$/.test(n)) return { k: 'logger' };
      if (RESPONSE_CLASSES.test(n)) return { k: 'response' };
      if (/^(requests|httpx)\.(get|post|put|patch|delete|head|options|request)$|^urllib\.request\.urlopen$/.test(n)) return { k: 'http' };
      if (/^(requests|httpx)\.(Session|Client|AsyncClient)$/.test(n)) return { k: 'client' };
      if (/^(time|math|os\.path)\.|^subprocess\.(run|check_output|call|check_call)$|^pathlib\.Path$/.test(n)) return DATA;
      return UNKNOWN;
    }
    if (r?.kind === 'class') {
      if (externalAncestors(this.fc.project, r.cls).some((a) => FORM_MODULE.test(a))) return { k: 'form', name: r.cls.name };
      return UNKNOWN;
    }
    if (callee.type === 'identifier' && this.factoryForm(callee.text)) return { k: 'form', name: callee.text };
    if (callee.type === 'attribute') {
      const obj = field(callee, 'object')!;
      const name = field(callee, 'attribute')!.text;
      const k = this.kindOf(obj);
      if (k.k === 'data') return DATA;
      if (k.k === 'request' && REQUEST_METHODS.has(name)) return DATA;
      if (k.k === 'user' && USER_DATA.has(name)) return DATA;
      if (k.k === 'http' && name === 'json') return DATA;
      if (k.k === 'http' || k.k === 'client') return { k: 'http' };
      if (k.k === 'container' && ['items', 'keys', 'values', 'copy'].includes(name)) return { k: 'container' };
      if (this.isJsonSession(obj) && SESSION_VALUE_METHODS.has(name)) return DATA;
    }
    return UNKNOWN;
  }

  /**
   * `request.session` (or `self.request.session`) whose values are JSON values: the session serializer
   * is Django's JSONSerializer (the default, and the only one Django ships from 5.0) unless a settings
   * module sets SESSION_SERIALIZER to another one.
   */
  private isJsonSession(node: Node): boolean {
    if (node.type !== 'attribute' || field(node, 'attribute')?.text !== 'session') return false;
    const obj = field(node, 'object')!;
    const isRequest = this.kindOf(obj).k === 'request' || (obj.type === 'attribute' && field(obj, 'attribute')?.text === 'request' && field(obj, 'object')?.text === this.fc.fn.paramNames[0] && Boolean(this.fc.fn.cls));
    if (!isRequest) return false;
    return this.fc.project.modules.every((m) => (m.assigned.get('SESSION_SERIALIZER') ?? []).every((a) => /^["'](django\.core\.signing\.JSONSerializer|django\.contrib\.sessions\.serializers\.JSONSerializer)["']$/.test(field(a, 'right')?.text ?? '')));
  }

  /** `sorted(books, key=lambda b: b.title)`: the lambda's parameter is an element of what is sorted. */
  private lambdaParamKind(node: Node): Kind | undefined {
    for (let p = node.parent; p && p.id !== this.fc.fn.body.id; p = p.parent) {
      if (p.type !== 'lambda') continue;
      const params = childrenOf(field(p, 'parameters') ?? p).filter((c) => c.type === 'identifier').map((c) => c.text);
      if (!params.includes(node.text)) continue;
      const kw = p.parent?.type === 'keyword_argument' && field(p.parent, 'name')?.text === 'key' ? p.parent : undefined;
      const call = kw?.parent?.parent;
      const callee = call?.type === 'call' ? field(call, 'function') : undefined;
      if (!call || !callee || !/^(sorted|min|max)$/.test(callee.text)) return UNKNOWN;
      const first = callArguments(call).positional[0];
      const t = first ? this.fc.typeOf(first) : undefined;
      if (t?.kind === 'queryset') return { k: 'orm', t: { kind: 'instance', model: t.model } };
      if (t?.kind === 'list' && t.of) return { k: 'orm', t: t.of };
      return first && this.kindOf(first).k === 'data' ? DATA : UNKNOWN;
    }
    return undefined;
  }

  private identifierKind(node: Node): Kind {
    const name = node.text;
    const fn = this.fc.fn;
    const lambdaParam = this.lambdaParamKind(node);
    if (lambdaParam) return lambdaParam;
    if (!fn.locals.has(name)) {
      const r = this.fc.resolve(node);
      if (r) return r.kind === 'external' && r.name.startsWith('django.conf.settings') ? DATA : r.kind === 'external' && !r.name.startsWith('builtins.') ? UNKNOWN : { k: 'resolved' };
      const assigned = this.fc.module.assigned.get(name);
      if (assigned?.length === 1) {
        const right = field(assigned[0], 'right');
        if (right?.type === 'call' && /(^|\.)getLogger$/.test(field(right, 'function')?.text ?? '')) return { k: 'logger' };
        if (right && ['string', 'integer', 'float', 'true', 'false', 'none', 'concatenated_string'].includes(right.type)) return DATA;
      }
      if (!this.bound(name) && (BUILTIN_FUNCS.has(name) || BUILTIN_EXCEPTIONS.test(name))) return { k: 'resolved' };
      return UNKNOWN;
    }
    const cached = this.varKinds.get(name);
    if (cached === 'pending') return UNKNOWN;
    if (cached) return cached;
    this.varKinds.set(name, 'pending');
    const k = this.computeVariableKind(name);
    this.varKinds.set(name, k);
    return k;
  }

  private computeVariableKind(name: string): Kind {
    const fn = this.fc.fn;
    const bindings = localBindings(fn, name);
    if (fn.paramNames.includes(name)) {
      if (bindings.length) return UNKNOWN;
      const index = fn.paramNames.indexOf(name);
      const requestIndex = fn.cls ? 1 : 0;
      if ((this.options.isView && index === requestIndex) || name === 'request') return { k: 'request' };
      if (this.options.isView && index > requestIndex) return DATA;
      if (this.options.dataParams?.get(fn.id)?.has(name)) return DATA;
      return UNKNOWN;
    }
    if (!bindings.length) return UNKNOWN;
    let agreed: Kind | undefined;
    for (const b of bindings) {
      let k: Kind;
      if (b.kind === 'assign') k = this.kindOf(b.value);
      else if (b.kind === 'iterate') {
        const it = this.kindOf(b.value);
        k = it.k === 'data' ? DATA : UNKNOWN;
      } else return UNKNOWN;
      if (k.k === 'unknown') return UNKNOWN;
      if (agreed && agreed.k !== k.k) {
        // A container that gets data only (`body = {...}; body = dict(...)`) stays a container.
        if (new Set([agreed.k, k.k]).size === 2 && [agreed.k, k.k].every((x) => x === 'data' || x === 'container')) {
          agreed = { k: 'container' };
          continue;
        }
        return UNKNOWN;
      }
      if (agreed?.k === 'orm' && k.k === 'orm' && (agreed.t.kind !== k.t.kind || modelOf(agreed.t) !== modelOf(k.t))) return UNKNOWN;
      agreed = k;
    }
    return agreed ?? UNKNOWN;
  }
}

function modelOf(t: PyType): unknown {
  return t.kind === 'list' ? undefined : t.model;
}

type LocalBinding = { kind: 'assign'; value: Node } | { kind: 'iterate'; value: Node } | { kind: 'other' };
/** A binding whose value is not followed: one object for all. */
const OTHER: LocalBinding = Object.freeze({ kind: 'other' });

/** Every binding of a local in the function's own scope (lambdas and nested defs excluded). */
const localBindings: (fn: PyFunction, name: string) => readonly LocalBinding[] = memoByFunctionAndName(computeLocalBindings);

function computeLocalBindings(fn: PyFunction, name: string): LocalBinding[] {
  const out: LocalBinding[] = [];
  for (const c of bindingNodes(fn, name)) {
    if (c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'decorated_definition' || c.type === 'lambda') {
      const n = c.type === 'decorated_definition' ? field(field(c, 'definition')!, 'name') : field(c, 'name');
      if (n?.text === name) out.push(OTHER);
    } else if (c.type === 'assignment' || c.type === 'augmented_assignment') {
      const left = field(c, 'left');
      const right = field(c, 'right');
      if (left?.type === 'identifier' && left.text === name) out.push(c.type === 'assignment' && right ? { kind: 'assign', value: right } : OTHER);
      else if (c.type === 'assignment' && right && (left?.type === 'pattern_list' || left?.type === 'tuple_pattern') && childrenOf(left).some((i) => i.type === 'identifier' && i.text === name)) {
        // `a, b = x, y` pairs the values; `a, b = data` unpacks plain data.
        const targets = childrenOf(left);
        const values = right.type === 'expression_list' || right.type === 'tuple' ? childrenOf(right) : undefined;
        const i = targets.findIndex((t) => t.type === 'identifier' && t.text === name);
        out.push(values && values.length === targets.length ? { kind: 'assign', value: values[i] } : { kind: 'iterate', value: right });
      } else if (left && left.descendantsOfType('identifier').some((i) => i?.text === name && i.parent?.type !== 'attribute' && i.parent?.type !== 'subscript')) out.push(OTHER);
    } else if (c.type === 'for_statement' || c.type === 'for_in_clause') {
      const left = field(c, 'left');
      const right = field(c, 'right');
      if (left?.type === 'identifier' && left.text === name && right) out.push({ kind: 'iterate', value: right });
      else if (left && left.descendantsOfType('identifier').some((i) => i?.text === name)) {
        const it = right ? right : undefined;
        // `for key, value in data.items()` over plain data binds plain data.
        out.push(it ? { kind: 'iterate', value: it } : OTHER);
      }
    } else if (c.type === 'as_pattern' && c.parent?.type === 'with_item' && field(c, 'alias')?.text === name) {
      const value = childrenOf(c)[0];
      out.push(value ? { kind: 'assign', value } : OTHER);
    } else if (c.descendantsOfType('identifier').some((i) => i?.text === name)) {
      const alias = field(c, 'alias') ?? field(c, 'name');
      if (c.type === 'named_expression' && alias?.text === name) {
        const value = field(c, 'value');
        out.push(value ? { kind: 'assign', value } : OTHER);
      } else if (c.type !== 'named_expression' && (!alias || alias.text === name || alias.descendantsOfType('identifier').some((i) => i?.text === name))) out.push(OTHER);
    }
  }
  return out;
}

function iterableKnown(k: Kind): boolean {
  if (k.k === 'data' || k.k === 'container' || k.k === 'resolved') return true;
  return k.k === 'orm' && k.t.kind === 'list';
}

function isExceptionLike(cls: PyClass): boolean {
  return cls.bases.some((b) => BUILTIN_EXCEPTIONS.test(b.text) || /(Exception|Error)$/.test(b.text));
}

function formWhy(name: string): string {
  if (name === 'is_valid' || name === 'errors' || name === 'full_clean' || name === 'clean') return 'validation runs ModelForm unique checks, ModelChoiceField lookups and clean_* methods';
  if (name === 'save') return 'ModelForm.save() writes the instance and its many-to-many data';
  return 'forms query while they are built, validated or saved';
}

/** Source text on one line, cut at 60 characters: how findings quote an operation. */
export function short(text: string): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
}

/**
 * Adjacent statements to move into one sync block: the statement of each
 * unaccounted operation (within the function's own blocks), merged with its
 * neighbours in the same block when only statements without awaits lie between.
 */
export function statementGroups(fc: FunctionContext, ops: Unaccounted[]): Node[][] | { problem: string; op: Unaccounted } {
  const stmts: Node[] = [];
  for (const op of ops) {
    const s = statementOf(op.node);
    if (!s || s.parent?.type !== 'block') return { problem: 'it is not inside a statement of the function body', op };
    if (!stmts.some((x) => x.id === s.id)) stmts.push(s);
  }
  // Drop statements nested in another chosen statement.
  const top = stmts.filter((s) => !stmts.some((o) => o.id !== s.id && o.startIndex <= s.startIndex && s.endIndex <= o.endIndex));
  top.sort((a, b) => a.startIndex - b.startIndex);
  // A middleware's get_response call is awaited in its async path: it never moves into a thread.
  const awaited = fc.entries?.middleware.find((m) => m.call?.id === fc.fn.id)?.shape?.getResponseCalls ?? [];
  const holdsAwaited = (n: Node) => awaited.some((c) => n.startIndex <= c.startIndex && c.endIndex <= n.endIndex);
  const held = top.find(holdsAwaited);
  if (held) return { problem: 'it is in the statement that calls get_response, which the async path awaits', op: ops.find((o) => held.startIndex <= o.node.startIndex && o.node.endIndex <= held.endIndex) ?? ops[0] };
  const groups: Node[][] = [];
  for (const s of top) {
    const last = groups[groups.length - 1];
    const prev = last?.[last.length - 1];
    if (prev && prev.parent?.id === s.parent?.id) {
      // Statements in between join the group when they await nothing and need no event loop (a task they schedule, a loop getter).
      const between: Node[] = [];
      let ok = true;
      for (let n = prev.nextNamedSibling; n && n.id !== s.id; n = n.nextNamedSibling) {
        if (n.type === 'comment') continue;
        if (n.descendantsOfType('await').length || holdsAwaited(n) || needsLoopThread(fc, n) || n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'decorated_definition') {
          ok = false;
          break;
        }
        between.push(n);
      }
      if (ok) {
        last.push(...between, s);
        continue;
      }
    }
    groups.push([s]);
  }
  return groups;
}

export interface AccountingPlan {
  /** The unaccounted operations of the functions accounted (see notHarmless). */
  own: Map<string, Unaccounted[]>;
  /** Whether a sync project function runs nothing sync-only, so async code may call it directly. */
  harmless(fn: PyFunction, call?: Node): boolean;
  /** Accounts for these functions (and what they call) when they are not yet, before notHarmless is read for them. */
  cover(fns: PyFunction[]): void;
  /** Functions that block (or run unaccounted work), and those that block only unless the caller resolved their lazy reads:
   * known for the functions that may be async when the adapter plans, what they call, and what cover() was given. */
  notHarmless: Set<string>;
  notHarmlessUnlessResolved: Set<string>;
  /** Functions that must stay sync: their unaccounted work cannot be wrapped. */
  /** `idle`: wrapping would leave nothing to await (reported only where the function is reached from an entry). */
  blocked: Map<string, { reason: string; rule: string; idle?: boolean }>;
  /** Statements to move into sync_to_async blocks, by function. */
  groups: Map<string, { statements: Node[]; ops: Unaccounted[] }[]>;
}

export interface AccountingInput {
  ac: AnalysisContext;
  entries: EntryInfo;
  sitesByFn: Map<string, Site[]>;
  regionsOf(fn: PyFunction): SyncRegion[];
  calls: PyCallSite[];
  resolvedCalls: Set<number>;
  /** Whether a site of that safety is applied under the run's --safety. */
  willApply(safety: Site['safety']): boolean;
  /** Whether unaccounted statements may be wrapped (review findings applied, the rule enabled). */
  wrapAllowed: boolean;
  /** lazy-relation's proof that a render() call renders without a query. */
  renderProven(fc: FunctionContext, call: Node): boolean;
}

/** Functions that call (and could await) one of these or an async function, to a fixed point; a class-based view's handlers go together. */
function awaitClosure(seeds: Iterable<PyFunction>, calls: PyCallSite[], entries: EntryInfo): Set<string> {
  const awaits = calls.filter((c) => c.caller && c.edge.mode === 'await');
  const callers = callersByCallee(awaits.filter((c) => !c.callee.isAsync));
  const views = new Map<string, PyFunction[]>();
  for (const cbv of entries.cbvs) for (const h of cbv.handlers) pushTo(views, h.id, ...cbv.handlers);
  const start = [...[...seeds].map((fn) => fn.id), ...awaits.filter((c) => c.callee.isAsync).map((c) => c.caller!.id)];
  return closure(start, (id) => [...(callers.get(id) ?? []), ...(views.get(id) ?? []).map((h) => h.id)]);
}

/** The callers of each callee over these calls (each with a caller). */
export function callersByCallee(calls: PyCallSite[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of calls) pushTo(out, c.callee.id, c.caller!.id);
  return out;
}

/** Each function's own call sites, in the order of `calls`. */
export function callSitesByCaller(calls: PyCallSite[]): Map<string, PyCallSite[]> {
  const out = new Map<string, PyCallSite[]>();
  for (const c of calls) if (c.caller) pushTo(out, c.caller.id, c);
  return out;
}

/** The seeds and all that `next` leads to from them, to a fixed point. */
export function closure(seeds: Iterable<string>, next: (id: string) => Iterable<string>): Set<string> {
  const out = new Set<string>();
  const stack: string[] = [];
  const add = (id: string) => {
    if (out.has(id)) return;
    out.add(id);
    stack.push(id);
  };
  for (const id of seeds) add(id);
  while (stack.length) for (const id of next(stack.pop()!)) add(id);
  return out;
}

function pushTo<T>(map: Map<string, T[]>, key: string, ...values: T[]) {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, values);
}

/** Accounts for the functions whose answers the plan reads, and decides which unaccounted work is wrapped and which keeps a function sync. */
const NO_CLAIMS: ReadonlySet<number> = new Set();
const UNCLAIMED = { claimed: NO_CLAIMS, deferredClaims: NO_CLAIMS };

export function planAccounting(input: AccountingInput): AccountingPlan {
  const { ac, entries, sitesByFn, calls } = input;
  const project = ac.project;
  // Only the functions with a site have claims: the others (most of them) share one empty answer
  // (two empty Sets per function held about 5 MB on saleor to the end of the run).
  const claims = new Map<string, { claimed: ReadonlySet<number>; deferredClaims: ReadonlySet<number> }>();
  for (const [id, sites] of sitesByFn) {
    const claimed = new Set<number>();
    const deferredClaims = new Set<number>();
    for (const s of sites) {
      if (s.safety === 'manual') {
        if (s.deferred) deferredClaims.add(s.node.id);
        continue;
      }
      if (!input.willApply(s.safety)) continue;
      claimed.add(s.node.id);
      for (const c of s.claims ?? []) claimed.add(c.id);
    }
    if (claimed.size || deferredClaims.size) claims.set(id, { claimed: claimed.size ? claimed : NO_CLAIMS, deferredClaims: deferredClaims.size ? deferredClaims : NO_CLAIMS });
  }
  const notHarmless = new Set<string>();
  const unlessResolved = new Set<string>();
  // The functions whose harmlessness the first accounting round asked about, by the function asking (see cover()).
  let asking: Set<string> | undefined;
  const asked = new Map<string, Set<string>>();
  // Only the functions whose answers are read are accounted (see cover() below); the others' operations and
  // harmlessness are never asked for. The first round (and the parameter typing before it) answers every
  // harmless() as if both sets were empty; a later question about a function not covered is noted in `missed`.
  const covered = new Set<string>();
  const missed = new Set<string>();
  let roundOne = true;
  const harmless = (fn: PyFunction, call?: Node): boolean => {
    asking?.add(fn.id);
    if (fn.isAsync) return false;
    if (roundOne) return true;
    if (!covered.has(fn.id)) missed.add(fn.id);
    if (notHarmless.has(fn.id)) return false;
    return !unlessResolved.has(fn.id) || Boolean(call && input.resolvedCalls.has(call.id));
  };
  const own = new Map<string, Unaccounted[]>();
  const dataParams = new Map<string, Set<string>>();
  // A plain function taking `request` first that no project code calls is called by Django (a view
  // chosen with --entry): its other parameters are URL values.
  const called = new Set(calls.map((c) => c.callee.id));
  const viewLike = (fn: PyFunction) => !fn.cls && !fn.parent && fn.paramNames[0] === 'request' && !called.has(fn.id);
  const optionsFor = (fc: FunctionContext): AccountingOptions => {
    const c = claims.get(fc.fn.id) ?? UNCLAIMED;
    return {
      claimed: c.claimed,
      deferredClaims: c.deferredClaims,
      isView: entries.entries.get(fc.fn.id) === 'django-view' || entries.entries.get(fc.fn.id) === 'django-class-view' || viewLike(fc.fn),
      harmless,
      renderProven: (call) => input.renderProven(fc, call),
      dataParams,
    };
  };
  // Parameters every caller passes plain data to, to a fixed point (a helper passes its own on).
  const byCallee = new Map<string, PyCallSite[]>();
  for (const c of calls) {
    const list = byCallee.get(c.callee.id);
    if (list) list.push(c);
    else byCallee.set(c.callee.id, [c]);
  }
  for (let round = 0, changed = true; changed && round < 4; round++) {
    changed = false;
    for (const [id, sites] of byCallee) {
      const callee = sites[0].callee;
      if (sites.some((cs) => cs.node.type !== 'call' || !cs.caller || callArguments(cs.node).splat)) continue;
      const bound = callee.cls && !callee.decorators.some((d) => d.text === 'staticmethod') ? 1 : 0;
      for (let i = bound; i < callee.paramNames.length; i++) {
        const name = callee.paramNames[i];
        if (dataParams.get(id)?.has(name)) continue;
        const p = callee.params[i];
        if (!p || p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') break;
        const all = sites.every((cs) => {
          const args = callArguments(cs.node);
          const arg = args.keywords.get(name) ?? args.positional[i - bound];
          if (!arg) return false;
          const fc = new FunctionContext(ac, cs.caller!, input.regionsOf(cs.caller!), entries);
          return isPlainData(fc, optionsFor(fc), arg);
        });
        if (all) {
          dataParams.set(id, new Set([...(dataParams.get(id) ?? []), name]));
          changed = true;
        }
      }
    }
  }
  // Functions that may become async: they hold a rewrite that needs await, or call (and could await) one that may.
  const mayAsync = awaitClosure(
    project.functions.filter((fn) => (sitesByFn.get(fn.id) ?? []).some((s) => s.seed && input.willApply(s.safety))),
    calls,
    entries,
  );
  // Each function's own call sites, grouped once (scanning every call of the project per function was 4% of a saleor run).
  const byCaller = callSitesByCaller(calls);
  const byId = new Map(project.functions.map((fn) => [fn.id, fn]));

  const accountOne = (fn: PyFunction): Unaccounted[] => {
    const fc = new FunctionContext(ac, fn, input.regionsOf(fn), entries);
    fc.resolvedCalls = input.resolvedCalls;
    const ops = unaccountedOperations(fc, { ...optionsFor(fc), messages: mayAsync.has(fn.id) });
    // What a rule found but could not convert (a manual site) is unaccounted too.
    for (const site of sitesByFn.get(fn.id) ?? []) {
      if (site.safety !== 'manual' || site.deferred || site.onlyIfSync || !fc.nodes().some((n) => n.id === site.node.id)) continue;
      if (ops.some((o) => o.node.startIndex <= site.node.startIndex && site.node.endIndex <= o.node.endIndex)) continue;
      const line = lineColumn(fn.module.text, site.node.startIndex).line;
      ops.push({ node: site.node, line, message: site.message, rule: 'sync-to-async-wrap' });
    }
    ops.sort((a, b) => a.node.startIndex - b.node.startIndex);
    return ops;
  };
  // The first round's operations and the functions each asked about, for the covered functions: the roots and
  // everything they call or ask about, to a closure (a function's harmlessness is read from its callees').
  const firstOps = new Map<string, Unaccounted[]>();
  const cover = (roots: Iterable<PyFunction>) => {
    const stack = [...roots].filter((fn) => !covered.has(fn.id));
    for (const fn of stack) covered.add(fn.id);
    roundOne = true;
    while (stack.length) {
      const fn = stack.pop()!;
      const next = (byCaller.get(fn.id) ?? []).map((c) => c.callee);
      if (!fn.isAsync) {
        asked.set(fn.id, (asking = new Set()));
        const ops = accountOne(fn);
        asking = undefined;
        if (ops.length) firstOps.set(fn.id, ops);
        for (const id of asked.get(fn.id)!) next.push(byId.get(id)!);
      }
      for (const g of next) {
        if (covered.has(g.id)) continue;
        covered.add(g.id);
        stack.push(g);
      }
    }
    roundOne = false;
  };
  // Project calls of sync functions, and their callers by callee.
  const syncCalls = calls.filter((c) => c.caller && !c.callee.isAsync && c.node.type === 'call');
  const callersOf = callersByCallee(syncCalls);
  // Which covered functions are not harmless, from their operations (a callee's status reaches its callers).
  const statuses = () => {
    notHarmless.clear();
    unlessResolved.clear();
    for (const fn of project.functions) {
      if (!covered.has(fn.id)) continue;
      const sites = sitesByFn.get(fn.id) ?? [];
      const ops = own.get(fn.id) ?? [];
      if (input.regionsOf(fn).length || sites.some((s) => (s.seed || s.safety === 'manual') && !s.deferred) || ops.some((o) => !o.deferred)) notHarmless.add(fn.id);
      else if (sites.some((s) => s.deferred) || ops.length) unlessResolved.add(fn.id);
    }
    // A caller is not harmless when a callee is not, or is unless resolved and this call did not resolve it.
    const stack = [...notHarmless];
    const raise = (id: string) => {
      if (notHarmless.has(id) || !covered.has(id)) return;
      notHarmless.add(id);
      unlessResolved.delete(id);
      stack.push(id);
    };
    for (const c of syncCalls) if (unlessResolved.has(c.callee.id) && !input.resolvedCalls.has(c.node.id)) raise(c.caller!.id);
    while (stack.length) for (const caller of callersOf.get(stack.pop()!) ?? []) raise(caller);
  };
  // The second round knows which functions are not harmless. A function that asked only about functions still in
  // neither set gets the same answers again, and so the same operations (the type caches answer alike whatever
  // order the questions come in): the first round's are kept. When it asks about a function not covered yet, that
  // one is covered and the round runs again.
  const secondRound = () => {
    for (;;) {
      own.clear();
      for (const [id, ops] of firstOps) own.set(id, ops);
      statuses();
      own.clear();
      missed.clear();
      for (const fn of project.functions) {
        if (fn.isAsync || !covered.has(fn.id)) continue;
        const ids = asked.get(fn.id)!;
        if (![...ids].some((id) => notHarmless.has(id) || unlessResolved.has(id))) {
          const ops = firstOps.get(fn.id);
          if (ops) own.set(fn.id, ops);
          continue;
        }
        const ops = accountOne(fn);
        if (ops.length) own.set(fn.id, ops);
      }
      if (!missed.size) break;
      cover([...missed].map((id) => byId.get(id)!));
    }
    statuses();
  };
  // The plan reads the operations of the functions that may become async and the harmlessness of what the functions
  // that may be async when the adapter plans (these, the async ones, the class-based views' handlers with them) call.
  const asyncLater = awaitClosure(
    project.functions.filter((fn) => fn.isAsync || mayAsync.has(fn.id)),
    calls,
    entries,
  );
  cover(project.functions.filter((fn) => asyncLater.has(fn.id)));
  secondRound();

  // Whether a rewrite that needs await (a seed, or a call of a function that may become async) lies outside the statements.
  const asyncWorkOutside = (fn: PyFunction, statements: Node[]) => {
    const outside = (n: Node) => !statements.some((s) => s.startIndex <= n.startIndex && n.endIndex <= s.endIndex);
    if ((sitesByFn.get(fn.id) ?? []).some((s) => s.seed && input.willApply(s.safety) && outside(s.node))) return true;
    return (byCaller.get(fn.id) ?? []).some((c) => c.edge.mode === 'await' && (mayAsync.has(c.callee.id) || c.callee.isAsync) && outside(c.node));
  };
  const blocked: AccountingPlan['blocked'] = new Map();
  const groups = new Map<string, { statements: Node[]; ops: Unaccounted[] }[]>();
  // Deciding asks about harmlessness too (an HTTP client's constructor): a function not covered yet is covered, and the plan decided again.
  for (;;) {
    blocked.clear();
    groups.clear();
    for (const fn of project.functions) {
      const ops = own.get(fn.id);
      if (!ops || fn.isAsync || !mayAsync.has(fn.id) || entries.cannotBeAsync.has(fn.id)) continue;
      const first = ops[0];
      const rule = ops.some((o) => o.rule === 'form-call') ? 'form-call' : 'async-propagation';
      const named = `${first.message} at line ${first.line}${ops.length > 1 ? ` (and ${ops.length - 1} more operation${ops.length > 2 ? 's' : ''} awaitify cannot account for)` : ''}`;
      const loopBound = ops.find((o) => o.noThread);
      if (loopBound) {
        blocked.set(fn.id, { rule, reason: `${loopBound.message} at line ${loopBound.line}; ${loopBound.noThread}, so it cannot move into sync_to_async` });
        continue;
      }
      if (!input.wrapAllowed) {
        blocked.set(fn.id, { rule, reason: `${named}; moving it into sync_to_async is a review change, which this run does not apply` });
        continue;
      }
      if (containsYield(fn.body)) {
        blocked.set(fn.id, { rule, reason: `${named}; a generator cannot move it into sync_to_async` });
        continue;
      }
      const fc = new FunctionContext(ac, fn, input.regionsOf(fn), entries);
      const found = statementGroups(fc, ops);
      if (!Array.isArray(found)) {
        blocked.set(fn.id, { rule, reason: `${found.op.message} at line ${found.op.line}; ${found.problem}, so it cannot move into sync_to_async` });
        continue;
      }
      const planned: { statements: Node[]; ops: Unaccounted[] }[] = [];
      let problem: string | undefined;
      for (const statements of found) {
        const moved = moveBlock(fc, statements, '_sync_block', (name, args) => `await sync_to_async(${name})(${args.join(', ')})`);
        const inside = ops.filter((o) => statements.some((s) => s.startIndex <= o.node.startIndex && o.node.endIndex <= s.endIndex));
        const client = readsHttpClient(fc, optionsFor(fc), statements);
        if (client) {
          const op = inside[0] ?? first;
          const becomes = fc.ac.dependency('httpx', fc.module) === 'undeclared' ? 'which is left to a person (httpx, its async replacement, is not among the dependencies)' : 'which becomes an async client';
          problem = `${op.message} at line ${op.line}; the statements around it use the HTTP client ${client}, ${becomes}, so they cannot move into sync_to_async`;
          break;
        }
        if ('problem' in moved) {
          const op = inside[0] ?? first;
          problem = `${op.message} at line ${op.line}; the statements around it cannot move into sync_to_async (the block ${moved.problem})`;
          break;
        }
        planned.push({ statements, ops: inside });
      }
      if (problem) blocked.set(fn.id, { rule, reason: problem });
      else if (!asyncWorkOutside(fn, planned.flatMap((g) => g.statements))) {
        // Every rewrite that made it async would move into the block: it would only hop to a thread.
        blocked.set(fn.id, { rule, idle: true, reason: `${named}; the statement${found.length > 1 || found[0].length > 1 ? 's' : ''} holding it also hold${found.length > 1 || found[0].length > 1 ? '' : 's'} all of its async work, so moving ${ops.length > 1 ? 'them' : 'it'} into sync_to_async would leave nothing to await` });
      } else groups.set(fn.id, planned);
    }
    if (!missed.size) break;
    cover([...missed].map((id) => byId.get(id)!));
    secondRound();
  }
  // Asked about a function not covered after this (never, while the functions that may be async are the ones found above), it is covered first.
  const ensure = (fns: PyFunction[]) => {
    if (fns.every((fn) => covered.has(fn.id))) return;
    cover(fns);
    secondRound();
  };
  const answer = (fn: PyFunction, call?: Node) => {
    ensure([fn]);
    return harmless(fn, call);
  };
  return { own, harmless: answer, cover: ensure, notHarmless, notHarmlessUnlessResolved: unlessResolved, blocked, groups };
}
