// Django entry points (views from URLconfs, decorated views, class-based view
// handlers, the project's middleware) and the functions that cannot become
// async (boundaries), each with the reason.
import type { PyNode as Node } from './tree.js';
import { callArguments, childrenOf, field, hasDescendantOfType, stringValue } from './parser.js';
import {
  externalAncestors,
  findMethod,
  projectAncestors,
  resolveExpr,
  type Project,
  type PyClass,
  type PyFunction,
  type PyModule,
} from './project.js';
import { DJANGO_MANAGER_API } from './orm.js';
import { atLeast } from './targets.js';
import { backendsLackingIn, findDjangoCallers, signalReason, stringKeyed, type DjangoCaller } from './django-callers.js';

export const HTTP_HANDLERS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'trace'];

/** View decorators that wrap async views, by the first Django version that does. */
const VIEW_DECORATORS: Record<string, string> = {
  csrf_exempt: '5.0', csrf_protect: '5.0', ensure_csrf_cookie: '5.0', requires_csrf_token: '5.0',
  require_http_methods: '5.0', require_GET: '5.0', require_POST: '5.0', require_safe: '5.0',
  cache_page: '5.0', cache_control: '5.0', never_cache: '5.0', vary_on_headers: '5.0', vary_on_cookie: '5.0',
  gzip_page: '5.0', condition: '5.0', etag: '5.0', last_modified: '5.0', xframe_options_deny: '5.0',
  xframe_options_sameorigin: '5.0', xframe_options_exempt: '5.0', sensitive_variables: '5.0', sensitive_post_parameters: '5.0',
  no_append_slash: '5.0', login_required: '5.1', permission_required: '5.1', user_passes_test: '5.1',
};

export interface CbvInfo {
  cls: PyClass;
  handlers: PyFunction[];
  /** Why the handlers cannot become async together, when they cannot. */
  blocked?: string;
}

export interface MiddlewareInfo {
  /** The class, or the factory function of a function middleware. */
  cls?: PyClass;
  factory?: PyFunction;
  /** `__call__` of a class, the inner function of a factory. */
  call?: PyFunction;
  settingPath: string;
  /** How it gains an async path beside its sync one, when it can (middleware-async writes it). */
  shape?: MiddlewareShape;
  /** Why its __call__ (inner function) stays sync, when it does. */
  blocked?: string;
}

/**
 * A middleware that becomes sync- and async-capable: `call` keeps its sync path and
 * gains an async copy named `twin`; a class's __call__ hands over to it when
 * Django runs the middleware async (markcoroutinefunction), a factory returns it
 * when get_response is a coroutine function.
 */
export interface MiddlewareShape {
  twin: string;
  /** `get_response` calls in `call`: `self.<attr>(...)` for a class, `<param>(...)` for a factory. */
  getResponseCalls: Node[];
  /** Class: the `__init__` and the `self.<attr> = get_response` statement in it. */
  init?: PyFunction;
  initAssign?: Node;
  getResponseAttr?: string;
  /** Factory: its get_response parameter and the `return <inner>` statement. */
  getResponseParam?: string;
  returnStmt?: Node;
}

export interface EntryInfo {
  entries: Map<string, string>;
  cannotBeAsync: Map<string, { kind: string; reason: string }>;
  cbvs: CbvInfo[];
  middleware: MiddlewareInfo[];
  /** MIDDLEWARE strings that are neither Django's nor the project's. */
  foreignMiddleware: { module: PyModule; node: Node; name: string }[];
  /** Views that stay sync, with the reason (reported when they block). */
  blockedViews: Map<string, string>;
  /** Functions Django calls synchronously from settings or a registry (context processors, receivers, ...). */
  djangoCalled: Map<string, DjangoCaller>;
  /** Decorators that register a function with Django, by function id. */
  registrations: Map<string, Node[]>;
  /** Entry points that change by gaining an async twin beside them, never in place (middleware __call__), with the twin's name. */
  asyncTwins: Map<string, string>;
  /**
   * Classes whose methods stay sync, said once per class where those methods block: Django REST
   * framework views, serializers and permissions (`drf`), and classes deriving from a base awaitify
   * cannot see (`external-base`). `kind` is their methods' boundary kind.
   */
  syncClasses: { cls: PyClass; kind: string; reason: string }[];
}

export interface EntryOptions {
  /** Whether middleware-async runs: without it nothing would make a middleware async-capable, so its __call__ stays sync. */
  middlewareAsync?: boolean;
}

function decoratorName(project: Project, fn: PyFunction, deco: Node): { name: string; resolved?: string } {
  const callee = deco.type === 'call' ? field(deco, 'function')! : deco;
  const r = resolveExpr(project, fn.module, fn.parent, callee);
  const resolved = r?.kind === 'external' ? r.name : r?.kind === 'function' ? `${r.fn.module.dotted[0] ?? r.fn.module.path}.${r.fn.qualname}` : undefined;
  return { name: callee.text.split('.').pop() ?? callee.text, resolved };
}

const VIEW_BASE = /^django\.views(\.generic)?(\.base)?\.View$/;
const GENERIC_VIEW = /^django\.views\.generic(\.\w+)*\.(\w+)$/;
const DJANGO_CLASS = /^(django|rest_framework|unittest)\./;
const DRF = /^rest_framework\./;

/** Why a class deriving from Django REST framework's `base` stays sync. */
function drfReason(base: string): string {
  const name = base.split('.').pop()!;
  const kind = /^rest_framework\.(serializers|fields|relations)\./.test(base)
    ? 'DRF calls serializer methods synchronously (is_valid(), save(), to_representation())'
    : /^rest_framework\.permissions\./.test(base)
      ? 'DRF checks permissions synchronously (APIView.check_permissions())'
      : /^rest_framework\.authentication\./.test(base)
        ? "DRF authenticates synchronously (request.user runs the authentication classes)"
        : /^rest_framework\.(views|generics|viewsets|mixins)\./.test(base)
          ? "DRF's APIView.dispatch() calls handlers synchronously and has no async path"
          : 'Django REST framework calls it synchronously';
  return `it derives from ${name} (Django REST framework): ${kind}, so its methods stay sync (an async twin would never be called)`;
}

/** Django's auth decorators: from 5.1 their async wrapper awaits `request.auser()`, which calls the session backend's aget_user(). */
const AUTH_DECORATORS = new Set(['login_required', 'permission_required', 'user_passes_test']);

/**
 * Why a Django view decorator cannot wrap an async view on this project although the
 * version's wrapper is async-aware: an auth decorator's async wrapper (Django 5.1+)
 * awaits request.auser(), and a configured backend without aget_user() raises
 * AttributeError there for every logged-in request; a CSRF decorator's runs the CSRF
 * middleware in the event loop, which touches the session under CSRF_USE_SESSIONS.
 */
function asyncWrapperBlock(project: Project, name: string): string | undefined {
  if (CSRF_DECORATORS.has(name) && csrfUsesSessions(project)) {
    return `@${name} runs CsrfViewMiddleware's process_request/process_view/process_response in the event loop around an async view, and with CSRF_USE_SESSIONS (${csrfUsesSessions(project)}) they read and write request.session: loading the session there is a query that raises SynchronousOnlyOperation`;
  }
  if (!AUTH_DECORATORS.has(name)) return undefined;
  const lacking = backendsLackingIn(project, 'aget_user');
  if (!lacking.length) return undefined;
  const which = lacking.length === 1 ? `${lacking[0]} does not define aget_user() (it does not derive from BaseBackend or ModelBackend)` : `${lacking.join(', ')} do not define aget_user() (they do not derive from BaseBackend or ModelBackend)`;
  return `@${name} wraps an async view with an async wrapper that awaits request.auser(), which calls aget_user() on the authentication backend; ${which}, so a logged-in request would raise AttributeError`;
}

/** CSRF decorators built with decorator_from_middleware: their async wrapper calls the middleware's methods directly. */
const CSRF_DECORATORS = new Set(['csrf_protect', 'ensure_csrf_cookie', 'requires_csrf_token']);

/** Where the settings set CSRF_USE_SESSIONS to anything but False (`path:line`), or undefined. */
function csrfUsesSessions(project: Project): string | undefined {
  for (const module of project.modules) {
    for (const assign of module.assigned.get('CSRF_USE_SESSIONS') ?? []) {
      const value = field(assign, 'right')?.text ?? '';
      if (/^(False|0|None)$/.test(value)) continue;
      return `${module.path}:${assign.startPosition.row + 1}`;
    }
  }
  return undefined;
}

/** One ATOMIC_REQUESTS setting that is not False: where (`path:line`), and the database alias when it can be read. */
interface AtomicRequestsSetting {
  where: string;
  alias?: string;
}

/** The string key of the dict entry whose value is `node` (`"default": {...}`), if any. */
function pairKeyOf(node: Node | null | undefined): string | undefined {
  const pair = node?.parent;
  return pair?.type === 'pair' && field(pair, 'value')?.id === node!.id ? stringValue(field(pair, 'key')) : undefined;
}

/**
 * Every place a module sets ATOMIC_REQUESTS to anything but False: a dict entry
 * (`"default": {"ATOMIC_REQUESTS": True}`), an item assignment
 * (`DATABASES["default"]["ATOMIC_REQUESTS"] = True`) or a keyword (`"default": dict(ATOMIC_REQUESTS=...)`),
 * with the database alias where the code names it as a string.
 */
function atomicRequests(project: Project): AtomicRequestsSetting[] {
  const settings: AtomicRequestsSetting[] = [];
  for (const module of project.modules) {
    if (!module.text.includes('ATOMIC_REQUESTS')) continue;
    const { pairs, subscripts } = stringKeyed(module);
    const values: [Node, Node | null | undefined, string | undefined][] = [
      ...(pairs.get('ATOMIC_REQUESTS') ?? []).map((pair): [Node, Node | null | undefined, string | undefined] => [
        pair,
        field(pair, 'value'),
        pair.parent?.type === 'dictionary' ? pairKeyOf(pair.parent) : undefined,
      ]),
      ...(subscripts.get('ATOMIC_REQUESTS') ?? [])
        .filter((sub) => sub.parent?.type === 'assignment' && field(sub.parent, 'left')?.id === sub.id)
        .map((sub): [Node, Node | null | undefined, string | undefined] => {
          const of = field(sub, 'value');
          return [sub, field(sub.parent!, 'right'), of?.type === 'subscript' ? stringValue(field(of, 'subscript')) : undefined];
        }),
    ];
    if (module.text.includes('ATOMIC_REQUESTS=')) {
      for (const kw of module.root.descendantsOfType('keyword_argument')) {
        if (!kw || field(kw, 'name')?.text !== 'ATOMIC_REQUESTS') continue;
        const call = kw.parent?.type === 'argument_list' ? kw.parent.parent : undefined;
        values.push([kw, field(kw, 'value'), call?.type === 'call' ? pairKeyOf(call) : undefined]);
      }
    }
    for (const [node, value, alias] of values) {
      if (value && /^(False|0|None)$/.test(value.text)) continue;
      settings.push({ where: `${module.path}:${node.startPosition.row + 1}`, alias });
    }
  }
  return settings;
}

const NON_ATOMIC_REQUESTS = 'django.db.transaction.non_atomic_requests';

/**
 * The database aliases a function view is marked non-atomic for by
 * `@transaction.non_atomic_requests` (bare: "default"; `(using="x")` or `("x")`: "x").
 * Django's make_view_atomic() skips those aliases; the decorator returns the view itself.
 * A `using` that is not a string literal adds nothing, so the view keeps today's behaviour.
 */
function nonAtomicAliases(project: Project, fn: PyFunction): Set<string> {
  const aliases = new Set<string>();
  for (const deco of fn.decorators) {
    if (decoratorName(project, fn, deco).resolved !== NON_ATOMIC_REQUESTS) continue;
    if (deco.type !== 'call') {
      aliases.add('default');
      continue;
    }
    const args = callArguments(deco);
    const using = args.keywords.get('using') ?? args.positional[0];
    if (!using && !args.splat) aliases.add('default');
    const alias = using ? stringValue(using) : undefined;
    if (alias !== undefined) aliases.add(alias);
  }
  return aliases;
}

/** Mixins from django.contrib.auth whose dispatch() reads request.user synchronously (still so in Django 5.2). */
const SYNC_AUTH_MIXINS = /^django\.contrib\.auth\.mixins\.(LoginRequiredMixin|PermissionRequiredMixin|UserPassesTestMixin|AccessMixin)$/;
/** Django view bases and mixins known not to run sync work around an async handler. */
const ASYNC_AWARE_VIEW_BASES = /^django\.views(\.generic)?(\.base)?\.(View|ContextMixin|TemplateResponseMixin|RedirectView)$/;

export function findEntries(project: Project, djangoTarget: string, options: EntryOptions = {}): EntryInfo {
  const info: EntryInfo = {
    entries: new Map(),
    cannotBeAsync: new Map(),
    cbvs: [],
    middleware: [],
    foreignMiddleware: [],
    blockedViews: new Map(),
    djangoCalled: new Map(),
    registrations: new Map(),
    asyncTwins: new Map(),
    syncClasses: [],
  };
  const viewFunctions = new Set<PyFunction>();
  const viewClasses = new Set<PyClass>();

  // URLconfs: every module with `urlpatterns`.
  for (const module of project.modules) {
    if (!module.assigned.has('urlpatterns')) continue;
    for (const call of module.root.descendantsOfType('call')) {
      if (!call) continue;
      const f = field(call, 'function');
      if (!f || !/^(path|re_path|url)$/.test(f.text.split('.').pop()!)) continue;
      const view = callArguments(call).positional[1];
      if (!view) continue;
      if (view.type === 'call') {
        const vf = field(view, 'function');
        if (vf?.type === 'attribute' && field(vf, 'attribute')!.text === 'as_view') {
          const r = resolveExpr(project, module, undefined, field(vf, 'object')!);
          if (r?.kind === 'class') viewClasses.add(r.cls);
        }
        continue;
      }
      const r = resolveExpr(project, module, undefined, view);
      if (r?.kind === 'function') viewFunctions.add(r.fn);
    }
  }

  const routed = new Set(viewFunctions);
  const guessed: PyFunction[] = [];
  for (const fn of project.functions) {
    if (fn.cls || fn.parent) continue;
    const decoNames = fn.decorators.map((d) => decoratorName(project, fn, d).name);
    const decorated = decoNames.some((n) => n in VIEW_DECORATORS);
    const viewModule = /(^|\/)views(\.py$|\/)/.test(fn.module.path) && fn.paramNames[0] === 'request' && !fn.name.startsWith('_');
    if (decorated || viewModule) viewFunctions.add(fn);
    if (viewModule && !decorated && !routed.has(fn)) guessed.push(fn);
  }
  // A views.py function taking `request` that no URLconf routes and project code calls
  // (`ticket_perm_check(request, ticket)`) is a helper: it becomes async only for an async
  // caller. As an entry it became async with every sync caller bridged through async_to_sync.
  for (const fn of calledByProjectCode(project, guessed)) viewFunctions.delete(fn);

  for (const fn of viewFunctions) {
    const why = viewDecoratorBlock(project, fn, djangoTarget);
    if (why) {
      info.blockedViews.set(fn.id, why);
      // An @api_view function gets DRF's Request (DRF's authenticated user): what it calls is never bridged.
      const drf = fn.decorators.some((d) => DRF.test(decoratorName(project, fn, d).resolved ?? ''));
      info.cannotBeAsync.set(fn.id, { kind: drf ? 'drf' : 'view-decorator', reason: why });
    } else {
      info.entries.set(fn.id, 'django-view');
    }
  }

  // Class-based views: URLconf references and every project class deriving from View.
  for (const cls of project.classes) {
    if (externalAncestors(project, cls).some((n) => VIEW_BASE.test(n) || GENERIC_VIEW.test(n))) viewClasses.add(cls);
  }
  // Django REST framework calls its views, serializers, permissions and authentication classes
  // synchronously: they stay sync, all methods, and no twin (DRF would never call it).
  for (const cls of project.classes) {
    const external = externalAncestors(project, cls);
    const drf = external.find((n) => DRF.test(n));
    // DRF's test cases (APITestCase) are test cases: the test boundary below keeps them sync.
    if (!drf || external.some((n) => TEST_BASE.test(n) || /^rest_framework\.test\./.test(n))) continue;
    viewClasses.delete(cls);
    const reason = drfReason(drf);
    info.syncClasses.push({ cls, kind: 'drf', reason });
    for (const m of cls.methods.values()) if (!m.isAsync) info.cannotBeAsync.set(m.id, { kind: 'drf', reason });
  }
  for (const cls of viewClasses) {
    const cbv = classifyCbv(project, cls, djangoTarget);
    info.cbvs.push(cbv);
    for (const h of cbv.handlers) {
      if (cbv.blocked) info.cannotBeAsync.set(h.id, { kind: 'class-based-view', reason: cbv.blocked });
      else info.entries.set(h.id, 'django-class-view');
    }
  }

  findMiddleware(project, info, djangoTarget, options.middlewareAsync ?? true);
  // A project middleware whose process_view runs the view itself (`login_required(view_func)(request, ...)`)
  // returns what the view returns: from an async view a coroutine, which Django rejects as a response.
  const runsView = viewRunningMiddleware(info);
  if (runsView) {
    for (const [id, kind] of [...info.entries]) {
      if (kind !== 'django-view' && kind !== 'django-class-view') continue;
      info.entries.delete(id);
      info.blockedViews.set(id, runsView);
      info.cannotBeAsync.set(id, { kind: 'view-decorator', reason: runsView });
    }
  }
  // ATOMIC_REQUESTS: Django's make_view_atomic() raises RuntimeError("You cannot use
  // ATOMIC_REQUESTS with async views.") for every request to an async view.
  // A function view marked @transaction.non_atomic_requests for every such alias is not wrapped.
  const atomic = atomicRequests(project);
  if (atomic.length > 0) {
    const where = atomic.map((a) => a.where).join(', ');
    const known = atomic.every((a) => a.alias !== undefined);
    const needed = known ? [...new Set(atomic.map((a) => a.alias!))] : [];
    const mark = known
      ? `a function view may be async only when marked @transaction.non_atomic_requests for ${needed.map((a) => `"${a}"`).join(' and ')}`
      : 'the database alias is not written as a string there, so no view is known to be marked @transaction.non_atomic_requests for it';
    const why = `the settings turn on ATOMIC_REQUESTS (${where}): Django wraps every view in transaction.atomic and raises RuntimeError ("You cannot use ATOMIC_REQUESTS with async views.") for an async one, so views stay sync (${mark})`;
    const viewById = new Map([...viewFunctions].map((f) => [f.id, f]));
    for (const [id, kind] of [...info.entries]) {
      if (kind !== 'django-view' && kind !== 'django-class-view') continue;
      const fn = kind === 'django-view' ? viewById.get(id) : undefined;
      if (fn && known) {
        const marked = nonAtomicAliases(project, fn);
        if (needed.every((a) => marked.has(a))) continue;
      }
      info.entries.delete(id);
      info.blockedViews.set(id, why);
      info.cannotBeAsync.set(id, { kind: 'view-decorator', reason: why });
    }
  }
  // Django holds these by reference and calls them synchronously; that wins over a views.py
  // function that merely looks like a view (`def nav(request)` used as a context processor).
  const callers = findDjangoCallers(project, djangoTarget);
  info.djangoCalled = callers.called;
  info.registrations = callers.registrations;
  for (const [id, c] of callers.called) {
    info.entries.delete(id);
    info.blockedViews.delete(id);
    info.cannotBeAsync.set(id, c);
  }
  markBoundaries(project, info, viewClasses, djangoTarget);
  return info;
}

function viewDecoratorBlock(project: Project, fn: PyFunction, djangoTarget: string): string | undefined {
  for (const deco of fn.decorators) {
    const { name, resolved } = decoratorName(project, fn, deco);
    if (resolved?.startsWith('django.') && name in VIEW_DECORATORS) {
      const min = VIEW_DECORATORS[name];
      if (!atLeast(djangoTarget, min)) return `@${name} wraps async views only from Django ${min} (target: ${djangoTarget})`;
      const auth = asyncWrapperBlock(project, name);
      if (auth) return auth;
      continue;
    }
    if (resolved && /^django\.db\.transaction\.atomic$/.test(resolved)) return '@transaction.atomic has no async form';
    // It records the aliases on the view and returns the view itself.
    if (resolved === NON_ATOMIC_REQUESTS) continue;
    if (resolved && DRF.test(resolved)) return `@${deco.text} makes it a Django REST framework view: DRF's APIView.dispatch() calls it synchronously, so it stays sync`;
    return `@${deco.text} is not known to wrap async views; convert it (check iscoroutinefunction) first`;
  }
  return undefined;
}

function classifyCbv(project: Project, cls: PyClass, djangoTarget: string): CbvInfo {
  const ancestors = [cls, ...projectAncestors(project, cls)];
  const handlers = HTTP_HANDLERS.filter((h) => h !== 'options' || cls.methods.has('options'))
    .map((h) => cls.methods.get(h))
    .filter((f): f is PyFunction => Boolean(f));
  const cbv: CbvInfo = { cls, handlers };
  if (!atLeast(djangoTarget, '4.1')) {
    cbv.blocked = `class-based views may have async handlers only from Django 4.1 (target: ${djangoTarget})`;
    return cbv;
  }
  const external = externalAncestors(project, cls);
  const generic = external.find((n) => GENERIC_VIEW.test(n) && !VIEW_BASE.test(n));
  if (generic) {
    cbv.blocked = `${cls.name} derives from ${generic.split('.').pop()}, whose inherited handlers are sync; Django requires all handlers of a view to be sync or all async, so they stay sync`;
    return cbv;
  }
  for (const anc of ancestors.slice(1)) {
    const inherited = HTTP_HANDLERS.filter((h) => anc.methods.has(h) && !cls.methods.has(h));
    if (inherited.length) {
      cbv.blocked = `${cls.name} inherits ${inherited.join(', ')} from ${anc.name}; all handlers must change together, so they stay sync`;
      return cbv;
    }
  }
  const dispatch = findMethod(project, cls, 'dispatch');
  if (dispatch && !dispatch.isAsync) {
    cbv.blocked = `${cls.name} overrides dispatch() synchronously; async handlers would return coroutines through it`;
    return cbv;
  }
  const mixin = external.find((n) => SYNC_AUTH_MIXINS.test(n));
  if (mixin) {
    cbv.blocked = `${cls.name} uses ${mixin.split('.').pop()}, whose dispatch() reads request.user synchronously (not async-aware up to Django 5.2): in an async view that query raises SynchronousOnlyOperation, so the handlers stay sync`;
    return cbv;
  }
  const unknownBase = external.find((n) => !ASYNC_AWARE_VIEW_BASES.test(n) && !/^(builtins\.)?object$/.test(n));
  if (unknownBase) {
    cbv.blocked = `${cls.name} derives from ${unknownBase}, which is not known to be async-aware (its dispatch() or setup() may do sync work around the handler), so the handlers stay sync`;
    return cbv;
  }
  for (const deco of cls.decorators) {
    const why = classDecoratorBlock(project, cls, deco, djangoTarget);
    if (why) {
      cbv.blocked = why;
      return cbv;
    }
  }
  return cbv;
}

/** Why a class decorator keeps a class-based view sync, or undefined when it wraps async handlers. */
function classDecoratorBlock(project: Project, cls: PyClass, decorator: Node, djangoTarget: string): string | undefined {
  // A class keeps its `decorator` nodes (with the @); the expression is their child.
  const deco = decorator.type === 'decorator' ? (childrenOf(decorator)[0] ?? decorator) : decorator;
  const callee = deco.type === 'call' ? field(deco, 'function')! : deco;
  const r = resolveExpr(project, cls.module, undefined, callee);
  const resolved = r?.kind === 'external' ? r.name : undefined;
  if (resolved !== 'django.utils.decorators.method_decorator' || deco.type !== 'call') {
    return `@${deco.text} on ${cls.name} is not known to wrap async handlers (a class decorator may wrap dispatch() synchronously), so the handlers stay sync`;
  }
  if (!atLeast(djangoTarget, '5.2')) return `@${deco.text}: method_decorator wraps async methods only from Django 5.2 (target: ${djangoTarget}), so the handlers stay sync`;
  const inner = callArguments(deco).positional[0];
  for (const d of inner ? (inner.type === 'list' || inner.type === 'tuple' ? childrenOf(inner) : [inner]) : []) {
    const why = wrappedDecoratorBlock(project, cls.module, d, djangoTarget);
    if (why) return `@${deco.text}: ${why}, so the handlers stay sync`;
  }
  return undefined;
}

/** Why a decorator given to method_decorator does not wrap async views on the target, or undefined when it does. */
function wrappedDecoratorBlock(project: Project, module: PyModule, deco: Node, djangoTarget: string): string | undefined {
  const callee = deco.type === 'call' ? field(deco, 'function')! : deco;
  const r = resolveExpr(project, module, undefined, callee);
  const resolved = r?.kind === 'external' ? r.name : undefined;
  const name = callee.text.split('.').pop() ?? callee.text;
  if (resolved?.startsWith('django.') && name in VIEW_DECORATORS) {
    const min = VIEW_DECORATORS[name];
    if (!atLeast(djangoTarget, min)) return `${name} wraps async views only from Django ${min} (target: ${djangoTarget})`;
    return asyncWrapperBlock(project, name)?.replace(/^@/, '');
  }
  return `${deco.text} is not known to wrap async views (convert it to check iscoroutinefunction first)`;
}

function findMiddleware(project: Project, info: EntryInfo, djangoTarget: string, enabled: boolean): void {
  for (const module of project.modules) {
    const assigns = module.assigned.get('MIDDLEWARE') ?? module.assigned.get('MIDDLEWARE_CLASSES');
    if (!assigns) continue;
    for (const assign of assigns) {
      const right = field(assign, 'right');
      for (const item of right ? childrenOf(right) : []) {
        const name = stringValue(item);
        if (!name) continue;
        const dot = name.lastIndexOf('.');
        const target = project.byDotted.get(name.slice(0, dot));
        const attr = name.slice(dot + 1);
        if (target) {
          const cls = target.topClasses.get(attr);
          const fn = target.topFunctions.get(attr);
          if (cls) info.middleware.push({ cls, call: cls.methods.get('__call__'), settingPath: name });
          else if (fn) {
            const inner = [...fn.nested.values()].find((n) => fn.body.text.includes(`return ${n.name}`));
            info.middleware.push({ factory: fn, call: inner, settingPath: name });
          }
          continue;
        }
        if (!name.startsWith('django.')) info.foreignMiddleware.push({ module, node: item, name });
      }
    }
  }
  for (const mw of info.middleware) {
    if (mw.cls && externalAncestors(project, mw.cls).some((n) => /MiddlewareMixin$/.test(n))) continue;
    const hooks = mw.cls ? ['process_view', 'process_exception', 'process_template_response'].map((h) => mw.cls!.methods.get(h)).filter((m): m is PyFunction => Boolean(m)) : [];
    // Django calls the hooks in the request's mode and runs a sync hook through sync_to_async
    // under ASGI: a sync hook is right in both modes, an async one would run through
    // async_to_sync on every WSGI request.
    for (const m of hooks) {
      if (!m.isAsync) info.cannotBeAsync.set(m.id, { kind: 'middleware-hook', reason: `Django calls ${mw.cls!.name}.${m.name}() in the mode the request runs in and adapts a sync hook itself (sync_to_async under ASGI), so it stays sync and the WSGI path is unchanged` });
    }
    if (!mw.call || mw.call.isAsync) continue;
    const shape = middlewareShape(project, mw);
    if (typeof shape === 'string') {
      mw.blocked = shape;
    } else if (!shape) {
      // It declares its own sync/async support (async_capable, __acall__, markcoroutinefunction,
      // a *_middleware decorator): Django calls __call__ as that says, so it stays as it is.
      info.cannotBeAsync.set(mw.call.id, { kind: 'middleware', reason: `${mw.cls?.name ?? mw.factory!.name} declares its own sync/async support, so Django calls ${mw.call.name}() the way it declares` });
      continue;
    } else if (!enabled) {
      mw.blocked = `middleware-async is skipped, and only it makes a middleware async-capable (async_capable, markcoroutinefunction); Django keeps calling this one synchronously`;
    } else if (!atLeast(djangoTarget, '3.1')) {
      mw.blocked = `async middleware needs Django 3.1 (target: ${djangoTarget})`;
    } else {
      mw.shape = shape;
      info.entries.set(mw.call.id, 'django-middleware');
      info.asyncTwins.set(mw.call.id, shape.twin);
      continue;
    }
    info.cannotBeAsync.set(mw.call.id, { kind: 'middleware', reason: mw.blocked });
    // Reported (by the adapter) where it blocks: that is where it costs a thread hop.
    info.blockedViews.set(mw.call.id, mw.blocked);
  }
}

/** Why views stay sync when a project middleware's process_view calls the view it is handed, or undefined. */
function viewRunningMiddleware(info: EntryInfo): string | undefined {
  for (const mw of info.middleware) {
    const hook = mw.cls?.methods.get('process_view');
    const viewParam = hook?.paramNames[hook.cls ? 2 : 1];
    if (!hook || !viewParam) continue;
    for (const call of hook.body.descendantsOfType('call')) {
      const f = call && field(call, 'function');
      if (!f) continue;
      const wraps = f.type === 'call' && callArguments(f).positional.some((a) => a.type === 'identifier' && a.text === viewParam);
      if (f.text !== viewParam && !wraps) continue;
      const line = call!.startPosition.row + 1;
      const text = call!.text.replace(/\s+/g, ' ');
      return `${mw.cls!.name}.process_view() (${hook.module.path}:${line}) runs the view itself (\`${text.length > 60 ? `${text.slice(0, 57)}...` : text}\`) and returns its result as the response; an async view would give it a coroutine, which Django rejects, so views stay sync`;
    }
  }
  return undefined;
}

/**
 * Whether a project middleware can gain an async path beside its sync one: the shape
 * (where get_response is stored and called), or why not (a string), or undefined when
 * it already declares its own async support (left as it is).
 */
function middlewareShape(project: Project, mw: MiddlewareInfo): MiddlewareShape | string | undefined {
  const call = mw.call!;
  if (call.decorators.length) return `${call.qualname} is decorated (@${call.decorators[0].text}); a decorated middleware call is not rewritten`;
  const request = call.paramNames[call.cls ? 1 : 0];
  const arity = call.cls ? 2 : 1;
  if (call.params.length !== arity || !request || call.params.some((p) => p.type !== 'identifier')) {
    return `${call.qualname} does not take exactly (${call.cls ? 'self, ' : ''}request); make it async-capable by hand`;
  }
  const calls = call.body.descendantsOfType('call').filter((c): c is Node => Boolean(c) && ownScope(call, c!));
  let shape: MiddlewareShape;
  if (mw.cls) {
    const cls = mw.cls;
    if (cls.attrs.has('async_capable') || cls.attrs.has('sync_capable') || cls.methods.has('__acall__')) return undefined;
    const init = cls.methods.get('__init__');
    if (init && /markcoroutinefunction/.test(init.body.text)) return undefined;
    const param = init?.paramNames[1];
    let attr: string | undefined;
    let initAssign: Node | undefined;
    for (const stmt of childrenOf(init?.body)) {
      const a = childrenOf(stmt)[0];
      if (stmt.type !== 'expression_statement' || a?.type !== 'assignment') continue;
      const left = field(a, 'left');
      if (left?.type === 'attribute' && field(left, 'object')?.text === init!.paramNames[0] && field(a, 'right')?.text === param) {
        attr = field(left, 'attribute')!.text;
        initAssign = stmt;
      }
    }
    const self = call.paramNames[0];
    const getResponseCalls = calls.filter((c) => {
      const f = field(c, 'function');
      return f?.type === 'attribute' && field(f, 'object')?.text === self && field(f, 'attribute')?.text === attr;
    });
    if (!init || !attr || !initAssign || !getResponseCalls.length) {
      return `${cls.name} does not store get_response in __init__ and call it in __call__; make it async-capable by hand`;
    }
    shape = { twin: '__acall__', getResponseCalls, init, initAssign, getResponseAttr: attr };
  } else {
    const factory = mw.factory!;
    if (factory.decorators.some((d) => /_middleware$/.test(d.text))) return undefined;
    const param = factory.paramNames[0];
    const getResponseCalls = calls.filter((c) => field(c, 'function')?.text === param);
    const returnStmt = childrenOf(factory.body).find((st) => st.type === 'return_statement' && childrenOf(st)[0]?.text === call.name);
    if (!param || !getResponseCalls.length || !returnStmt) {
      return `${factory.name} does not return an inner function that calls ${param ?? 'get_response'}; make it async-capable by hand`;
    }
    let twin = `a${call.name}`;
    while (factory.nested.has(twin) || factory.locals.has(twin)) twin = `a${twin}`;
    shape = { twin, getResponseCalls, getResponseParam: param, returnStmt };
  }
  // After get_response the view may have logged a user in or out (request.user is then the new
  // user, or still the lazy one): an async path cannot read it the same way.
  const first = Math.min(...shape.getResponseCalls.map((c) => c.endIndex));
  const late = call.body.descendantsOfType('attribute').find(
    (n) => n && ownScope(call, n) && n.startIndex > first && field(n, 'object')?.text === request && field(n, 'attribute')?.text === 'user',
  );
  if (late) {
    const line = call.module.text.slice(0, late.startIndex).split('\n').length;
    return `it reads ${late.text} after get_response (line ${line}), where the view may have logged a user in or out; an async path cannot load that user the way the sync one does, so it stays sync (Django runs it in a thread under ASGI)`;
  }
  return shape;
}

/** Whether a node in a function's body belongs to the function itself, not to a nested def, class or lambda. */
function ownScope(fn: PyFunction, node: Node): boolean {
  for (let n = node.parent; n && n.id !== fn.body.id; n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda') return false;
  }
  return true;
}

const TEST_BASE = /(TestCase|TransactionTestCase|SimpleTestCase|LiveServerTestCase)$/;
const TEST_MODULE = /(^|\/)(test_[^/]*|[^/]*_test|tests)\.py$|(^|\/)tests\//;

/** Which of `fns` a call outside the test modules names (tests calling a view directly do not make it a helper). */
function calledByProjectCode(project: Project, fns: PyFunction[]): Set<PyFunction> {
  const called = new Set<PyFunction>();
  if (!fns.length) return called;
  const byName = new Map<string, PyFunction[]>();
  for (const fn of fns) byName.set(fn.name, [...(byName.get(fn.name) ?? []), fn]);
  const names = [...byName.keys()];
  for (const module of project.modules) {
    if (TEST_MODULE.test(module.path) || !names.some((n) => module.text.includes(`${n}(`))) continue;
    for (const call of module.root.descendantsOfType('call')) {
      const callee = call && field(call, 'function');
      const candidates = callee && byName.get(callee.text.split('.').pop()!);
      if (!candidates) continue;
      // The innermost function around the call: its locals may shadow the name.
      let scope: PyFunction | undefined;
      for (const f of module.functions) {
        if (f.node.startIndex <= call!.startIndex && call!.endIndex <= f.node.endIndex && (!scope || f.node.startIndex > scope.node.startIndex)) scope = f;
      }
      const r = resolveExpr(project, module, scope, callee!);
      if (r?.kind === 'function' && candidates.includes(r.fn)) called.add(r.fn);
    }
  }
  return called;
}

function markBoundaries(project: Project, info: EntryInfo, viewClasses: Set<PyClass>, djangoTarget: string): void {
  const set = (fn: PyFunction, kind: string, reason: string) => {
    if (!info.cannotBeAsync.has(fn.id) && !info.entries.has(fn.id)) info.cannotBeAsync.set(fn.id, { kind, reason });
  };
  const middlewareClasses = new Set(info.middleware.map((m) => m.cls).filter(Boolean));
  const unseenClasses = new Set<PyClass>();
  for (const fn of project.functions) {
    if (fn.isAsync) continue;
    const decos = fn.decorators.map((d) => d.text);
    if (/^__\w+__$/.test(fn.name) && !(fn.name === '__call__' && fn.cls && middlewareClasses.has(fn.cls))) {
      set(fn, 'dunder', `${fn.name} is called by Python synchronously`);
      continue;
    }
    if (decos.some((d) => /(^|\.)(property|cached_property|setter|getter|deleter)$/.test(d))) {
      set(fn, 'property', `${fn.name} is a property; attribute access cannot await`);
      continue;
    }
    if (decos.some((d) => /\.(filter|simple_tag|inclusion_tag|tag)\b/.test(d)) || /(^|\/)templatetags\//.test(fn.module.path)) {
      set(fn, 'template-tag', `${fn.name} is a template tag or filter; templates call it synchronously`);
      continue;
    }
    if (decos.some((d) => /(^|\.)receiver\(/.test(d))) {
      set(fn, 'signal-receiver', `${signalReason(djangoTarget)} (@${decos.find((d) => /(^|\.)receiver\(/.test(d))!.split('(')[0]})`);
      continue;
    }
    if (decos.some((d) => /(^|\.)(lru_cache|cache|cached)\b/.test(d) && !/^cache_page/.test(d))) {
      set(fn, 'cached', `${fn.name} caches its return value; cached coroutines can only be awaited once`);
      continue;
    }
    if (decos.some((d) => /(^|\.)atomic\b/.test(d))) {
      set(fn, 'transaction-atomic', `${fn.name} runs inside transaction.atomic, which has no async form; async callers run it through sync_to_async`);
      continue;
    }
    if (/(^|\/)migrations\//.test(fn.module.path)) {
      set(fn, 'migration', 'migrations run synchronously');
      continue;
    }
    if (containsYield(fn.body)) {
      // A generator taking `request` is a streaming helper, not a view: calling it runs nothing.
      info.entries.delete(fn.id);
      set(fn, 'generator', `${fn.name} is a generator; making it async changes how every caller iterates it`);
      continue;
    }
    const unknown = fn.decorators.find((d) => !decoratorAcceptsCoroutines(project, fn, d, djangoTarget));
    if (unknown && !info.entries.has(fn.id)) {
      set(fn, 'decorator', `@${unknown.text} is not known to accept coroutine functions: its wrapper would call ${fn.name} synchronously and get a coroutine; convert the decorator (check inspect.iscoroutinefunction) first`);
      continue;
    }
    const testModule = TEST_MODULE.test(fn.module.path);
    if (testModule && !fn.cls && /^test/.test(fn.name)) {
      set(fn, 'sync-test', `${fn.name} is a synchronous test`);
      continue;
    }
    if (fn.cls) {
      const ext = externalAncestors(project, fn.cls);
      if (ext.some((n) => TEST_BASE.test(n))) {
        set(fn, 'sync-test', `${fn.cls.name}.${fn.name} is a method of a synchronous test case`);
        continue;
      }
      // A test method of a mixin (mixed into test cases later, e.g. with type()): the runner
      // calls it synchronously, and unittest and pytest would not await a coroutine.
      if (testModule && /^test/.test(fn.name)) {
        set(fn, 'sync-test', `${fn.cls.name}.${fn.name} is a test method; the test runner calls it synchronously`);
        continue;
      }
      if (ext.some((n) => /BaseCommand$/.test(n))) {
        set(fn, 'management-command', `${fn.cls.name}.${fn.name} belongs to a management command, which Django runs synchronously`);
        continue;
      }
      // A custom manager's or QuerySet's own method (`ProjectManager.for_api_key`): Django never
      // calls it, the project does, through `Model.objects` (the call graph follows those calls).
      // Django's manager API names (get_queryset, get_by_natural_key, create_user...) stay sync.
      const managerClass = ext.length > 0 && ext.every((n) => /^django\.(db\.models|contrib\.auth)\.[\w.]*(Manager|QuerySet)$/.test(n));
      if (managerClass && !DJANGO_MANAGER_API.has(fn.name) && !fn.name.startsWith('__')) continue;
      // Models and user models only: a view behind django.contrib.auth.mixins is not a model.
      if (ext.some((n) => /^django\.db\.models\./.test(n) || /^django\.contrib\.auth\.(models|base_user)\./.test(n))) {
        set(fn, 'model-method', `${fn.cls.name}.${fn.name} is a model method; Django and templates call it synchronously`);
        continue;
      }
      if (ext.some((n) => /^django\.forms\./.test(n))) {
        set(fn, 'form-method', `${fn.cls.name}.${fn.name} is a form method; forms are synchronous`);
        continue;
      }
      if (viewClasses.has(fn.cls) && ['dispatch', 'setup', 'http_method_not_allowed', 'as_view'].includes(fn.name)) {
        set(fn, 'view-hook', `${fn.cls.name}.${fn.name} is called by Django's View machinery synchronously`);
        continue;
      }
      if (ext.some((n) => DJANGO_CLASS.test(n)) && !(viewClasses.has(fn.cls) && !HTTP_HANDLERS.includes(fn.name) && isPlainView(info, fn.cls))) {
        if (!(middlewareClasses.has(fn.cls))) {
          // Name the view base (UpdateView) rather than a mixin listed before it.
          const base = (viewClasses.has(fn.cls) && ext.find((n) => VIEW_BASE.test(n) || GENERIC_VIEW.test(n))) || ext.find((n) => DJANGO_CLASS.test(n));
          set(fn, 'framework-hook', `${fn.cls.name}.${fn.name} overrides a method of ${base}, which calls it synchronously`);
          continue;
        }
      }
      // A base awaitify cannot see (another package's class, or one it cannot resolve) may call any
      // method of the class itself (drf_writable_nested's serializer save() calls create()): async
      // in place would hand it a coroutine, and an async twin would be one it never calls.
      const unseen = unseenBase(project, fn.cls);
      if (unseen) {
        set(fn, 'external-base', `${fn.cls.name}.${fn.name} belongs to a class deriving from ${unseen}, which awaitify cannot see and which may call it synchronously (async callers run it through sync_to_async)`);
        // Said once per class where its methods block, as for DRF classes, in every mode.
        if (!unseenClasses.has(fn.cls)) {
          unseenClasses.add(fn.cls);
          info.syncClasses.push({ cls: fn.cls, kind: 'external-base', reason: `it derives from ${unseen}, which awaitify cannot see and which may call its methods synchronously, so they stay sync, with no async twin (async callers run them through sync_to_async)` });
        }
        continue;
      }
    }
  }
}

/** Bases known not to call a subclass's own methods: builtins, `abc.ABC`, typing's and enum's class bases. */
const SEEN_BASE = /^(builtins\.\w+|abc\.ABC|(typing|typing_extensions)\.(Generic|Protocol|NamedTuple|TypedDict)|enum\.(Enum|IntEnum|StrEnum|Flag|IntFlag))$/;
/** Python's builtin class names, which the project index leaves unresolved. */
const BUILTIN_CLASS = /^(object|BaseException|\w*(Exception|Error|Warning)|dict|list|set|frozenset|tuple|str|int|float|bytes)$/;

/**
 * The first base of a class (or of a project class it derives from) that awaitify cannot see:
 * an external class not known to leave the subclass's methods alone, or a base expression that
 * does not resolve (a star import, a call). `Base[T]` is its `Base`. Django's and DRF's bases are
 * judged before (framework hooks, DRF classes); they are not looked at here.
 */
function unseenBase(project: Project, cls: PyClass, seen = new Set<PyClass>()): string | undefined {
  if (seen.has(cls)) return undefined;
  seen.add(cls);
  for (const node of cls.bases) {
    const base = node.type === 'subscript' ? field(node, 'value')! : node;
    const r = resolveExpr(project, cls.module, undefined, base);
    if (r?.kind === 'class') {
      const inner = unseenBase(project, r.cls, seen);
      if (inner) return inner;
    } else if (r?.kind === 'external') {
      if (!SEEN_BASE.test(r.name) && !DJANGO_CLASS.test(r.name)) return r.name;
    } else if (!(base.type === 'identifier' && BUILTIN_CLASS.test(base.text))) {
      return base.text;
    }
  }
  return undefined;
}

/** Decorators that keep working when the function they wrap returns a coroutine. */
const COROUTINE_SAFE_DECORATORS = /^((abc\.)?abstractmethod|staticmethod|classmethod|(functools\.)?wraps|(typing\.)?(overload|override|final|no_type_check)|(asgiref\.sync\.)?sync_to_async|(django\.utils\.decorators\.)?(sync_and_async_middleware|async_only_middleware))$/;

/**
 * Whether a decorator is known to handle a coroutine function: the few that
 * only register or annotate, and Django's view decorators from the version
 * that made them async-aware. A project's own decorator (a retry loop, a
 * timer) calls the function synchronously and gets a coroutine back.
 */
function decoratorAcceptsCoroutines(project: Project, fn: PyFunction, deco: Node, djangoTarget: string): boolean {
  const callee = deco.type === 'call' ? field(deco, 'function')! : deco;
  const { name, resolved } = decoratorName(project, fn, deco);
  if (COROUTINE_SAFE_DECORATORS.test(callee.text) || (resolved && COROUTINE_SAFE_DECORATORS.test(resolved))) return true;
  const django = resolved ? resolved.startsWith('django.') : false;
  if (django && name in VIEW_DECORATORS) return atLeast(djangoTarget, VIEW_DECORATORS[name]) && !asyncWrapperBlock(project, name);
  if (django && name === 'method_decorator') {
    if (!atLeast(djangoTarget, '5.2') || deco.type !== 'call') return false;
    const inner = callArguments(deco).positional[0];
    const wrapped = inner ? (inner.type === 'list' || inner.type === 'tuple' ? childrenOf(inner) : [inner]) : [];
    return wrapped.length > 0 && wrapped.every((d) => !wrappedDecoratorBlock(project, fn.module, d, djangoTarget));
  }
  return false;
}

function isPlainView(info: EntryInfo, cls: PyClass): boolean {
  const cbv = info.cbvs.find((c) => c.cls === cls);
  return Boolean(cbv && !cbv.blocked);
}

function containsYield(body: Node): boolean {
  if (!hasDescendantOfType(body, 'yield')) return false;
  const visit = (node: Node): boolean => {
    for (const child of childrenOf(node)) {
      if (child.type === 'function_definition' || child.type === 'class_definition' || child.type === 'lambda' || child.type === 'decorated_definition') continue;
      if (child.type === 'yield') return true;
      if (visit(child)) return true;
    }
    return false;
  };
  return visit(body);
}
